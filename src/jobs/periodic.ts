import type { FastifyBaseLogger } from 'fastify'

/**
 * Runs `work` every `intervalMs` in the background, never two passes at once, and answers a
 * function that stops the timer and waits for a pass under way. A failed pass is logged and the
 * next one tries again.
 */
export function startPeriodicJob(
  name: string,
  work: () => Promise<unknown>,
  log: FastifyBaseLogger,
  intervalMs: number,
) {
  let running: Promise<unknown> | undefined

  const timer = setInterval(() => {
    if (running) return
    running = work()
      .catch((error: unknown) => log.warn({ err: error }, `${name} failed`))
      .finally(() => {
        running = undefined
      })
  }, intervalMs)
  timer.unref()

  return async function stop(): Promise<void> {
    clearInterval(timer)
    await running
  }
}
