// `npm ci`, when node_modules was not installed from this very package-lock.json (a stamp inside node_modules
// says which lock it came from): the Maven build calls this on every run, and a clean install costs ~20 s.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { WEB, digest } from './inputs.mjs'

const stamp = join(WEB, 'node_modules', '.jianqun-lock.sha256')
const lock = digest(['package-lock.json'])
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lock) {
  console.log('console web: node_modules matches package-lock.json, npm ci skipped')
  process.exit(0)
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: WEB, stdio: 'inherit' })
if (run.status !== 0) {
  console.error('console web: npm ci failed (exit ' + run.status + '): the npm registry or its cache must be reachable the first time')
  process.exit(run.status || 1)
}
writeFileSync(stamp, lock + '\n')
