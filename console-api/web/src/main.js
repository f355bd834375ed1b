import { createApp } from 'vue'
import './styles.css'
import App from './App.vue'
import { router } from './router.js'

// Element Plus is imported part by part where it is used (src/ui/): the login page carries neither tables nor charts.
createApp(App).use(router).mount('#app')
