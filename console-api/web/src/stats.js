// The statistics API's answers (GET /api/v1/stats, /stats/diligence) read into what the page draws. One place
// knows the field names, so the charts and tables do not.
export const MEASURES = [
  { key: 'registered', label: '登记数' },
  { key: 'resolved', label: '办结数' },
  { key: 'closedWithinFive', label: '5 个工作日内办结' },
  { key: 'closedWithinFiveShare', label: '5 日办结率', percent: true },
  { key: 'averageWorkingDays', label: '平均办结工作日', digits: 1 },
  { key: 'overdue', label: '超期' },
  { key: 'escalations', label: '上报（镇/县/市）' },
  { key: 'satisfaction', label: '满意率', percent: true },
  { key: 'unrated', label: '未评价' },
  { key: 'urged', label: '被催办' },
  { key: 'reopened', label: '重新办理' },
]

const pick = (o, ...names) => {
  for (const n of names) if (o && o[n] !== undefined && o[n] !== null) return o[n]
  return undefined
}

export function figures(row) {
  if (!row) return {}
  const within = pick(row, 'resolvedWithinFiveWorkingDays', 'closedWithinFive', 'withinFive', 'closedWithin5', 'within5')
  const share = pick(row, 'withinFiveShare', 'closedWithinFiveShare', 'closedWithinFiveRate', 'withinFiveRate', 'fiveDayRate')
  const resolved = pick(row, 'resolved', 'closed')
  const esc = pick(row, 'escalations', 'escalated')
  return {
    key: pick(row, 'key', 'code', 'month', 'category', 'level', 'village', 'town'),
    name: pick(row, 'name', 'label', 'title', 'key', 'code', 'month', 'category', 'level'),
    registered: pick(row, 'registered', 'tickets'),
    resolved,
    closedWithinFive: typeof within === 'object' ? pick(within, 'count') : within,
    closedWithinFiveShare: share !== undefined ? share : typeof within === 'object' ? pick(within, 'share', 'rate') : undefined,
    averageWorkingDays: pick(row, 'averageWorkingDaysToResolve', 'averageWorkingDays', 'averageWorkingDaysToClose', 'avgWorkingDays', 'averageDays'),
    overdue: pick(row, 'overdue'),
    escalations: esc && typeof esc === 'object' ? [esc.town ?? 0, esc.county ?? 0, esc.city ?? 0].join(' / ') : esc,
    satisfaction: (() => {
      const s = pick(row, 'satisfaction', 'satisfactionShare', 'satisfactionRate')
      return s && typeof s === 'object' ? pick(s, 'share', 'rate') : s
    })(),
    unrated: pick(row, 'unrated'),
    urged: pick(row, 'urged'),
    reopened: pick(row, 'reopened'),
  }
}

export const rowsOf = (reply) => (reply && (reply.rows || reply.groups || reply.items || reply.breakdown)) || []
export const totalsOf = (reply) => (reply && (reply.totals || reply.total || reply.summary)) || null

export function show(value, measure) {
  if (value === undefined || value === null || value === '') return '—'
  if (measure && measure.percent) return typeof value === 'number' ? (value * 100).toFixed(1) + '%' : value
  if (measure && measure.digits && typeof value === 'number') return value.toFixed(measure.digits)
  return String(value)
}
