import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Two forked workers match the 2-core machine. Files in a worker share loaded modules (no
    // per-file re-import, which cost more than the tests); each file still opens and closes
    // its own database and app.
    pool: 'forks',
    fileParallelism: true,
    isolate: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    // Creating a database and running the migrations happens in hooks.
    hookTimeout: 60_000,
  },
})
