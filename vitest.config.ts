import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Forks isolate PGlite's WebAssembly heap per file; two workers match the 2-core machine.
    pool: 'forks',
    fileParallelism: true,
    isolate: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    // Creating a database and running the migrations happens in hooks.
    hookTimeout: 60_000,
  },
})
