import type { Clock } from '../clock.js'
import type { Config } from '../config.js'
import { AppError } from '../domain/errors/app-error.js'
import { fieldMessages } from '../domain/errors/field-messages.js'
import type { Database } from '../storage/database.js'

/** What a command works with; tests hand in their own database and collect the lines. */
export interface CliContext {
  db: Database
  config: Config
  clock: Clock
  out(line: string): void
  err(line: string): void
}

/** Exit statuses (sysexits.h): a refused input, and a command line that makes no sense. */
export const EXIT_REFUSED = 1
export const EXIT_USAGE = 64

/** Prints an expected failure as the API would word it, in English; rethrows anything else. */
export function reportFailure(context: CliContext, error: unknown): number {
  if (!(error instanceof AppError)) throw error

  context.err(`error: ${error.message}`)
  for (const field of error.errors) {
    context.err(`  ${field.path}: ${fieldMessages[field.code](field.params ?? {}).en}`)
  }
  return EXIT_REFUSED
}
