// Every wire word the API speaks, in the Chinese an officer reads.
export const STATES = { open: '待认领', claimed: '办理中', resolved: '已办结待评价', closed: '已结案', merged: '已合并', rejected: '已驳回' }
export const LEVELS = { village: '村级', town: '镇级', county: '县级', city: '市级' }
export const WARNINGS = { none: '无预警', yellow: '黄色预警', orange: '橙色预警', red: '红色预警' }
export const WARNING_TAGS = { none: 'info', yellow: 'warning', orange: 'warning', red: 'danger' }
export const ROLES = {
  villager: '群众', village_cadre: '村干部', bookkeeper: '报账员', resident_cadre: '驻村干部',
  town_officer: '镇级干部', county_officer: '县级干部', city_officer: '市级干部',
  discipline_officer: '纪检监察干部', admin: '管理员',
}
export const EVENTS = {
  registered: '登记', claimed: '认领', resolved: '办结', escalated: '上报', escalated_overdue: '超期上报（督办）',
  tier_set: '定级', urged: '催办', closed: '结案', reopened: '不满意，重新办理', rating_reminded: '再次请求评价',
  merged: '合并', rejected: '驳回', deadline_moved: '期限调整', categorised: '分类', identity_read: '查看举报人身份',
}
export const CHANNELS = { console: '工作台', chat: '群聊', bridge: '群聊', wecom: '企业微信', aibot: '企业微信机器人', miniapp: '小程序', job: '系统', sweep: '系统' }
export const COMMANDS = {
  claim: '认领', resolve: '办结', escalate: '上报', tier: '定级', urge: '催办', rate: '评价', merge: '合并', reject: '驳回',
  category: '分类',
}
export const TIERS = ['一般', '特殊', '复杂']
export const RATINGS = ['满意', '基本满意', '不满意']
export const CLUE_STATUSES = ['待初核', '初核中', '已立案', '了结', '暂存']
export const CLUE_VALUES = ['高', '中', '低']
export const CLUE_STATUS_TAGS = { 待初核: 'warning', 初核中: 'primary', 已立案: 'danger', 了结: 'success', 暂存: 'info' }
export const PATROL_KINDS = {
  new_ticket: '新工单', ticket: '新工单', new_tickets: '新工单', real_name_report: '实名举报', confidential_report: '实名举报',
  flagged_message: '疑似问题消息', message: '疑似问题消息', orange_warning: '橙色预警', red_warning: '红色预警', warning: '预警',
  unsatisfied: '不满意评价', unsatisfied_rating: '不满意评价', smart_warning: '智能预警', missing_disclosure: '未按时公开',
  held_content: '待审内容',
}
/** An officer's verdict on 待审内容, as the API takes it (`POST /patrol/held/{ref}/verdict`). */
export const HELD_VERDICTS = ['放行', '不予显示']
export const CLUE_SOURCES = { ticket: '工单', message: '群消息', warning: '预警', manual: '手工录入', patrol_item: '网巡' }

export const label = (table, word) => (word == null || word === '' ? '—' : (table[word] || word))

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
})
export function time(iso) {
  if (!iso) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : TIME.format(d)
}

/** Today in Beijing as yyyy-mm-dd (the platform's days are Beijing days). */
export function beijingDate(d = new Date()) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(d)
}

export function percent(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(Number(x))) return '—'
  return (Number(x) * 100).toFixed(digits) + '%'
}
