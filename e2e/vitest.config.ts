import { defineConfig } from 'vitest/config'

// Browser tests: real server, real headless Chromium (Debian's package), one file at a time.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
