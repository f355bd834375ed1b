// Region names by code, asked of GET /api/v1/regions/{code} once each and kept for the tab's life: lists carry codes.
import { reactive } from 'vue'
import { api } from './api.js'

export const regionNames = reactive({})
const asked = new Set()

export function nameRegions(codes) {
  codes.filter((c) => c && !asked.has(c)).forEach((code) => {
    asked.add(code)
    api.get('/regions/' + code).then((r) => { regionNames[code] = r.name }).catch(() => { /* outside the scope: the code stays */ })
  })
}

export const regionName = (code) => (code ? regionNames[code] || code : '—')
