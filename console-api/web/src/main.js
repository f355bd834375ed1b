import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { router } from './router.js'

// Large controls everywhere: the console is read on an office PC by people who may need glasses.
createApp(App).use(ElementPlus, { locale: zhCn, size: 'large' }).use(router).mount('#app')
