// The Element Plus parts the frame and the login page use, with their styles: only these load before the login
// form shows (the console's first page must load in under a second on an office PC). The rest is ./work.js.
import 'element-plus/es/components/base/style/css'
import 'element-plus/es/components/config-provider/style/css'
import 'element-plus/es/components/container/style/css'
import 'element-plus/es/components/aside/style/css'
import 'element-plus/es/components/header/style/css'
import 'element-plus/es/components/main/style/css'
import 'element-plus/es/components/menu/style/css'
import 'element-plus/es/components/menu-item/style/css'
import 'element-plus/es/components/icon/style/css'
import 'element-plus/es/components/button/style/css'
import 'element-plus/es/components/card/style/css'
import 'element-plus/es/components/form/style/css'
import 'element-plus/es/components/form-item/style/css'
import 'element-plus/es/components/input/style/css'
import 'element-plus/es/components/alert/style/css'

export {
  ElConfigProvider, ElContainer, ElAside, ElHeader, ElMain, ElMenu, ElMenuItem, ElIcon, ElButton, ElCard, ElForm,
  ElFormItem, ElInput, ElAlert,
} from 'element-plus'
