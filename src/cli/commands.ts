import { type CliContext, EXIT_USAGE } from './cli-context.js'
import { runClientsCommand } from './clients-command.js'
import { runKeysCommand } from './keys-command.js'
import { USAGE } from './usage.js'

/** Runs one command line; answers the process exit status. */
export async function runCommand(argv: string[], context: CliContext): Promise<number> {
  const [group, ...rest] = argv
  if (group === 'clients') return runClientsCommand(rest, context)
  if (group === 'keys') return runKeysCommand(rest, context)

  context.err(USAGE)
  return EXIT_USAGE
}
