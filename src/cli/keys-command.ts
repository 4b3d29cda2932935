import { rotateSigningKey } from '../auth/signing-keys.js'
import { type CliContext, EXIT_REFUSED, EXIT_USAGE } from './cli-context.js'
import { USAGE } from './usage.js'

/** `keys rotate`: running processes sign with the new key within a minute (platform-keys.ts). */
export async function runKeysCommand(argv: string[], context: CliContext): Promise<number> {
  if (argv.length !== 1 || argv[0] !== 'rotate') {
    context.err(USAGE)
    return EXIT_USAGE
  }
  if (context.config.signingKey) {
    context.err('error: SIGNING_KEY is configured; rotate by configuring a new key instead')
    return EXIT_REFUSED
  }

  const { kid, retired } = await rotateSigningKey(context.db, context.clock)
  context.out(`signing key ${kid} is active`)
  for (const old of retired) context.out(`signing key ${old} retired; it verifies until expiry`)
  return 0
}
