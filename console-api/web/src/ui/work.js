// The Element Plus parts of the working pages (tables, pickers, dialogs...), with their styles; loaded with the
// first working page, after the login.
import { ElLoading } from 'element-plus'
import 'element-plus/es/components/loading/style/css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/table/style/css'
import 'element-plus/es/components/table-column/style/css'
import 'element-plus/es/components/select/style/css'
import 'element-plus/es/components/option/style/css'
import 'element-plus/es/components/cascader/style/css'
import 'element-plus/es/components/link/style/css'
import 'element-plus/es/components/tag/style/css'
import 'element-plus/es/components/result/style/css'
import 'element-plus/es/components/row/style/css'
import 'element-plus/es/components/col/style/css'
import 'element-plus/es/components/descriptions/style/css'
import 'element-plus/es/components/descriptions-item/style/css'
import 'element-plus/es/components/timeline/style/css'
import 'element-plus/es/components/timeline-item/style/css'
import 'element-plus/es/components/dialog/style/css'
import 'element-plus/es/components/drawer/style/css'
import 'element-plus/es/components/radio-group/style/css'
import 'element-plus/es/components/radio-button/style/css'
import 'element-plus/es/components/input-number/style/css'
import 'element-plus/es/components/tabs/style/css'
import 'element-plus/es/components/tab-pane/style/css'
import 'element-plus/es/components/date-picker/style/css'
import 'element-plus/es/components/upload/style/css'
import 'element-plus/es/components/switch/style/css'

export {
  ElMessage, ElMessageBox, ElTable, ElTableColumn, ElSelect, ElOption, ElCascader, ElLink, ElTag, ElResult, ElRow, ElCol,
  ElDescriptions, ElDescriptionsItem, ElTimeline, ElTimelineItem, ElDialog, ElDrawer, ElRadioGroup, ElRadioButton,
  ElInputNumber, ElTabs, ElTabPane, ElDatePicker, ElUpload, ElSwitch,
} from 'element-plus'
export { ElButton, ElCard, ElForm, ElFormItem, ElInput, ElAlert, ElIcon } from './base.js'
/** v-loading, as a directive a <script setup> picks up by its name. */
export const vLoading = ElLoading.directive
