import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Built into the console module's classes, so the jar carries the pages and the console role serves them at
// /console/ (ConsoleWebRoutes); hashed names under assets/ may be cached for a year.
export default defineConfig({
  base: '/console/',
  plugins: [vue()],
  // `npx vite` for work on the pages: the API comes from a running platform (./scripts/run, or JIANQUN_URL).
  server: { proxy: { '/api': process.env.JIANQUN_URL || 'http://127.0.0.1:8080' } },
  build: {
    outDir: fileURLToPath(new URL('../target/classes/jianqun-console', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    // The Content-Security-Policy forbids inline script; Vite's module-preload polyfill would be bundled anyway,
    // and every browser an office PC runs today has module preload.
    modulePreload: { polyfill: false },
  },
})
