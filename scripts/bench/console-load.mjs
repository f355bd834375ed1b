// The console's first page (the login page, /console/) loaded by a real headless Chromium over loopback, with a
// fresh profile each round (nothing cached in the browser): Navigation Timing's loadEventEnd and the last resource's responseEnd,
// the number of files and their bytes. Driven through chromedriver's W3C WebDriver HTTP API (Node's own fetch).
//   node scripts/bench/console-load.mjs http://127.0.0.1:8080 [rounds] [budget-ms]
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'

const [base = 'http://127.0.0.1:8080', roundsArg = '5', budgetArg = '1000'] = process.argv.slice(2)
const rounds = Number(roundsArg)
const budget = Number(budgetArg)
const chromium = process.env.JIANQUN_CHROMIUM || '/usr/bin/chromium'
const chromedriver = process.env.JIANQUN_CHROMEDRIVER || '/usr/bin/chromedriver'

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) })
})
const port = await freePort()
const driver = spawn(chromedriver, ['--port=' + port], { stdio: 'ignore' })
const wd = async (method, path, body) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) })
  const json = await res.json()
  if (!res.ok) throw new Error(JSON.stringify(json.value))
  return json.value
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
for (let i = 0; i < 50; i++) {
  try { await wd('GET', '/status'); break } catch { await sleep(100) }
}

const results = []
try {
  // Round 0 warms the server (its first request of each file copies it out of the jar into Vert.x's file cache,
  // and the JIT is cold); it is shown, not counted. Every round, that one included, has a fresh browser profile.
  for (let round = 0; round <= rounds; round++) {
    const profile = mkdtempSync(join(tmpdir(), 'jianqun-bench-console-'))
    const session = await wd('POST', '/session', { capabilities: { alwaysMatch: { browserName: 'chrome', 'goog:chromeOptions': {
      binary: chromium,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--window-size=1366,768', '--user-data-dir=' + profile],
    } } } })
    const id = session.sessionId
    try {
      await wd('POST', `/session/${id}/url`, { url: base + '/console/' })
      // The page is there when the login form is drawn (the app mounted, its route's chunk loaded).
      for (let i = 0; i < 100; i++) {
        const ready = await wd('POST', `/session/${id}/execute/sync`, { script: "return !!document.querySelector('input[name=username]') && document.readyState === 'complete'", args: [] })
        if (ready) break
        await sleep(20)
      }
      const t = await wd('POST', `/session/${id}/execute/sync`, { args: [], script: `
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource').filter(r => r.name.includes('/console/'));
        const last = Math.max(nav.loadEventEnd, ...res.map(r => r.responseEnd));
        return { load: nav.loadEventEnd, allAssets: last, files: 1 + res.length,
                 bytes: nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0) };` })
      if (round > 0) results.push(t)
      console.log(`${round === 0 ? 'warm-up' : 'round ' + round}: all assets ${t.allAssets.toFixed(0)} ms (load event ${t.load.toFixed(0)} ms), ${t.files} files, ${(t.bytes / 1024).toFixed(0)} KiB`)
    } finally {
      await wd('DELETE', `/session/${id}`).catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    }
  }
} finally {
  driver.kill()
}
const times = results.map((r) => r.allAssets).sort((a, b) => a - b)
const median = times[Math.floor(times.length / 2)]
const worst = times[times.length - 1]
console.log(`console first page, ${rounds} cold loads: median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms (budget ${budget} ms)`)
process.exit(worst < budget ? 0 : 1)
