// The polls API's words in Chinese, and a poll's phase as the officer's list shows it (the server keeps the truth).
export const KINDS = { single: '单选', multiple: '多选' }
export const SHOWN = { live: '投票后即可看结果', after_closing: '截止后公布结果' }
export const CHECKS = { pass: '已通过内容检查', review: '待人工审核', risky: '不予展示', pending: '尚未检查' }
export const CHECK_TAGS = { pass: 'success', review: 'warning', risky: 'danger', pending: 'info' }
/** The bars' colours, one per option; the first is the console's blue (the statistics page's). */
export const PALETTE = ['#2f6fb0', '#e07a1f', '#2e9d5b', '#b8433a', '#7b5ea7', '#8c6d1f', '#3a8fa3', '#c25a8a']

export function phase(poll, now = Date.now()) {
  if (now < Date.parse(poll.opensAt)) return { word: '未开始', tag: 'info' }
  if (now >= Date.parse(poll.closesAt)) return { word: '已截止', tag: 'info' }
  return { word: '进行中', tag: 'success' }
}
