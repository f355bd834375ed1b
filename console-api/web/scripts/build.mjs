// `vite build` into ../target/classes/jianqun-console, unless the last build there was made from exactly these
// inputs (a stamp beside it holds their digest): ./scripts/test runs the Maven build every time.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { WEB, digest } from './inputs.mjs'

const out = join(WEB, '..', 'target', 'classes', 'jianqun-console')
const stamp = join(WEB, '..', 'target', 'console-web.sha256')
const inputs = digest()
if (existsSync(join(out, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === inputs) {
  console.log('console web: unchanged since the last build, vite build skipped')
  process.exit(0)
}
rmSync(stamp, { force: true })
const vite = join(WEB, 'node_modules', 'vite', 'bin', 'vite.js')
const run = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit' })
if (run.status !== 0) process.exit(run.status || 1)
mkdirSync(join(WEB, '..', 'target'), { recursive: true })
writeFileSync(stamp, inputs + '\n')
console.log('console web: built into target/classes/jianqun-console')
