// The one way the pages talk to the platform: JSON over fetch with the officer's bearer token.
// Errors arrive as {"error","message"}; an ApiError carries both, and the HTTP status.
import { reactive } from 'vue'

const TOKEN_KEY = 'jianqun.token'

export const session = reactive({
  token: sessionStorage.getItem(TOKEN_KEY),
  me: null,
})

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message || code || ('HTTP ' + status))
    this.status = status
    this.code = code
    this.body = body
  }
}

function query(params) {
  const q = new URLSearchParams()
  Object.entries(params || {}).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') q.append(k, v)
  })
  const s = q.toString()
  return s ? '?' + s : ''
}

export async function request(method, path, { params, body, contentType, accept } = {}) {
  const headers = { Accept: accept || 'application/json' }
  if (session.token) headers.Authorization = 'Bearer ' + session.token
  let payload
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Blob) {
      payload = body
      headers['Content-Type'] = contentType || 'text/plain; charset=utf-8'
    } else {
      payload = JSON.stringify(body)
      headers['Content-Type'] = 'application/json'
    }
  }
  const res = await fetch('/api/v1' + path + query(params), { method, headers, body: payload })
  if (res.status === 401 && path !== '/auth/login') {
    forget()
    if (!location.pathname.endsWith('/login')) location.assign('/console/login')
  }
  if ((accept === 'text/csv' || accept === 'image/*') && res.ok) return res.blob()
  const text = await res.text()
  let json = null
  if (text) {
    try { json = JSON.parse(text) } catch { json = null }
  }
  if (!res.ok) {
    throw new ApiError(res.status, json && json.error, (json && json.message) || ('请求失败（HTTP ' + res.status + '）'), json)
  }
  return json
}

export const api = {
  get: (path, params) => request('GET', path, { params }),
  post: (path, body) => request('POST', path, { body: body === undefined ? {} : body }),
  patch: (path, body) => request('PATCH', path, { body }),
  csv: (path, params) => request('GET', path, { params, accept: 'text/csv' }),
  postCsv: (path, text) => request('POST', path, { body: text, contentType: 'text/csv; charset=utf-8' }),
  postJsonText: (path, text) => request('POST', path, { body: text, contentType: 'application/json' }),
  put: (path, body) => request('PUT', path, { body }),
  image: (path) => request('GET', path, { accept: 'image/*' }),
  postFile: (path, file, contentType, params) => request('POST', path, { params, body: file, contentType }),
}

export async function login(username, password) {
  const reply = await api.post('/auth/login', { username, password })
  session.token = reply.token
  sessionStorage.setItem(TOKEN_KEY, reply.token)
  session.me = { personId: reply.personId, name: reply.name, role: reply.role, scope: reply.scope }
  return session.me
}

export async function loadMe() {
  if (!session.token) return null
  if (!session.me) session.me = await api.get('/auth/me')
  return session.me
}

export function forget() {
  session.token = null
  session.me = null
  sessionStorage.removeItem(TOKEN_KEY)
}

export async function logout() {
  try { await api.post('/auth/logout') } catch { /* the token may have expired already */ }
  forget()
}

/** Saves a blob (a CSV export) under a file name. */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
