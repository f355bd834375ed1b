// The disclosure API's words in the Chinese a bookkeeper reads, and the month's lines read from the bookkeeper's
// files in the browser: CSV files (one per kind, or one with a `part` column) become the JSON upload, which alone
// carries invoice photos; every problem, the browser's or the server's, is named by its file and line.
import Papa from 'papaparse'
import { beijingDate } from './labels.js'

export const PARTS = { finance: '财务收支', invoices: '发票', projects: '项目', subsidies: '涉民利益（补贴）' }
export const PART_WORDS = {
  finance: 'finance', 财务: 'finance', invoices: 'invoices', 发票: 'invoices',
  projects: 'projects', 项目: 'projects', subsidies: 'subsidies', 补贴: 'subsidies',
}
/** What a file holds: one kind of line, or all of them with a `part` column saying which. */
export const FILE_KINDS = { mixed: '混合（含 part 列）', ...PARTS }
export const STATUS = { submitted: '待审核', rejected: '已退回', ready: '待发布', published: '已发布' }
export const STATUS_TAGS = { submitted: 'warning', rejected: 'danger', ready: 'primary', published: 'success' }
export const COLOURS = { yellow: '黄色', orange: '橙色', red: '红色' }
export const COLOUR_TAGS = { yellow: 'warning', orange: 'warning', red: 'danger' }
export const RULES = {
  duplicate_invoice: '发票重复报销', split_payments: '拆分支付', cash_payment: '现金支付', no_invoice: '支出无发票',
  subsidy_twice: '补贴重复发放', relative_subsidy: '向干部亲属发放补贴',
}
export const METHODS = { transfer: '转账', cash: '现金', cheque: '支票', card: '公务卡' }
/** A signed decision as the API reports it (approved / rejected; the review request says approve / reject). */
export const DECISIONS = { approved: '通过', rejected: '退回' }
export const CADENCES = { monthly: '每月', quarterly: '每季度', on_occurrence: '随时（发生即公开）' }
export const CATEGORIES = { party: '党务', village: '村务', finance: '财务' }

/** The columns of each kind, as the upload names them, with what each means (the template and the help). */
export const COLUMNS = {
  finance: [['kind', '收支：income 收入 / spending 支出'], ['item', '事项'], ['amount', '金额（元）'], ['invoice', '发票号码（支出）']],
  invoices: [['code', '发票代码（10 或 12 位）'], ['number', '发票号码（8 位）'], ['digitalNumber', '全电发票号码（20 位，代替代码和号码）'],
    ['amount', '金额（元）'], ['payee', '收款方'], ['date', '开票日期（当月）'], ['paymentMethod', '支付方式：转账/现金/支票/公务卡'], ['purpose', '用途']],
  projects: [['name', '项目名称'], ['budget', '预算（元）'], ['spent', '已支出（元）'], ['progress', '进度（0–100）'], ['contractor', '承建方']],
  subsidies: [['recipient', '领取人'], ['kind', '补贴类别'], ['amount', '金额（元）']],
}

/** The month before this one in Beijing (what a bookkeeper uploads early in a month), as yyyy-mm. */
export function lastMonth(today = beijingDate()) {
  const [y, m] = today.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** The kind a file's name suggests, so the bookkeeper rarely has to pick one. */
export function guessKind(fileName, header = []) {
  if (header.includes('part')) return 'mixed'
  const name = fileName.toLowerCase()
  if (/发票|invoice/.test(name)) return 'invoices'
  if (/项目|project/.test(name)) return 'projects'
  if (/补贴|涉民|subsid|interest/.test(name)) return 'subsidies'
  if (/财务|收支|finance/.test(name)) return 'finance'
  return ''
}

export const isSheet = (file) => /\.xlsx$/i.test(file.name)

/** A CSV file's text: UTF-8 when it is valid UTF-8, else GB18030 (what Excel on a Chinese PC saves). */
export async function csvText(file) {
  const bytes = await file.arrayBuffer()
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/** A CSV's records with their line numbers (a record per line, as the month's sheets are), blank lines left out. */
export function csvRecords(text) {
  const parsed = Papa.parse(text, { skipEmptyLines: false })
  return parsed.data.map((cells, i) => ({ line: i + 1, cells: cells.map((c) => String(c).trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''))
}

/**
 * The upload's lines from the chosen files: {body, origins, problems}. origins[part][i] names the file and line the
 * i-th line of a part came from, so the server's "row" can be shown as the bookkeeper's own line.
 */
export function linesOf(files) {
  const body = { finance: [], invoices: [], projects: [], subsidies: [] }
  const origins = { finance: [], invoices: [], projects: [], subsidies: [] }
  const problems = []
  for (const f of files) {
    const [head, ...rows] = f.records
    if (!head) {
      problems.push({ file: f.name, line: 0, column: '', message: '文件为空：第一行应为表头' })
      continue
    }
    const header = head.cells
    const partAt = header.indexOf('part')
    if (f.kind === 'mixed' && partAt < 0) {
      problems.push({ file: f.name, line: head.line, column: 'part', message: '选了“混合”，但表头没有 part 列' })
      continue
    }
    for (const row of rows) {
      const part = f.kind === 'mixed' ? PART_WORDS[(row.cells[partAt] || '').toLowerCase()] : f.kind
      if (!part) {
        problems.push({ file: f.name, line: row.line, column: 'part', message: '应为 finance、invoices、projects 或 subsidies（财务、发票、项目、补贴）' })
        continue
      }
      const line = {}
      header.forEach((name, c) => {
        if (c !== partAt && name && row.cells[c]) line[name] = row.cells[c]
      })
      body[part].push(line)
      origins[part].push({ file: f.name, line: row.line })
    }
  }
  return { body, origins, problems }
}

/**
 * A server problem {part,row,column,message} as the bookkeeper's file, line and column: through the origins of a JSON
 * upload's lines, or, for a workbook sent as it is, the server's line of that file.
 */
export function placeOf(problem, origins, sheetName) {
  const origin = origins && origins[problem.part] && origins[problem.part][problem.row - 1]
  if (origin) return { file: origin.file, line: origin.line, column: problem.column, message: problem.message }
  const part = PARTS[problem.part]
  const file = sheetName || (part ? part + '第 ' + problem.row + ' 行' : '上传内容')
  return { file, line: problem.row || '—', column: problem.column || '—', message: problem.message }
}

/** The invoice's own number, as a photo's file name would carry it. */
export const invoiceNumber = (inv) => inv.digitalNumber || inv.number || ''

/** A photo as the JSON upload carries it (base64 without the data: prefix); refused above 5 MB, as the server would. */
export function photoBase64(file) {
  if (!/^image\/(jpeg|png)$/.test(file.type)) return Promise.reject(new Error(file.name + ' 不是 JPEG 或 PNG 图片'))
  if (file.size > 5 * 1024 * 1024) return Promise.reject(new Error(file.name + ' 超过 5 MB，请缩小后再选'))
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(new Error('读取 ' + file.name + ' 失败'))
    reader.readAsDataURL(file)
  })
}

/** A blob (an invoice photo from the API) as a data: URL, which the page's policy allows for images. */
export function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(new Error('图片读取失败'))
    reader.readAsDataURL(blob)
  })
}

/** The template a bookkeeper fills in: one sheet, a `part` column and every kind's columns. */
export function templateCsv() {
  const names = ['part', ...new Set(Object.values(COLUMNS).flat().map(([n]) => n))]
  const example = {
    finance: { kind: 'spending', item: '村道修补', amount: '2350', invoice: '00012345' },
    invoices: { code: '3500191130', number: '00012345', amount: '2350', payee: '某某建材店', date: lastMonth() + '-06', paymentMethod: '转账', purpose: '村道修补' },
    projects: { name: '村道硬化', budget: '200000', spent: '86000', progress: '45', contractor: '某某路桥公司' },
    subsidies: { recipient: '林某某', kind: '高龄补贴', amount: '100' },
  }
  const rows = Object.entries(example).map(([part, o]) => [part, ...names.slice(1).map((n) => o[n] || '')])
  return '\ufeff' + Papa.unparse([names, ...rows])
}
