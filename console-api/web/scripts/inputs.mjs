// What the built pages are made of: a change to any of these files means a new build (or a new npm ci, for the lock).
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

export const WEB = new URL('..', import.meta.url).pathname
const INPUTS = ['package.json', 'package-lock.json', 'vite.config.js', 'index.html', 'src', 'public']

function files(path) {
  let stat
  try { stat = statSync(path) } catch { return [] }
  if (!stat.isDirectory()) return [path]
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)))
}

/** A SHA-256 over the names and contents of the given inputs (all of them by default). */
export function digest(names = INPUTS) {
  const hash = createHash('sha256')
  for (const name of names) {
    for (const file of files(join(WEB, name))) {
      hash.update(relative(WEB, file) + '\0')
      hash.update(readFileSync(file))
      hash.update('\0')
    }
  }
  return hash.digest('hex')
}
