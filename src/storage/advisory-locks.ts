/**
 * The PostgreSQL advisory locks the service takes, in one place so that no two share an id.
 * The values are arbitrary constants of our own.
 */
export const advisoryLocks = {
  /** Processes starting together migrate one at a time (STACK.md, trap 9). */
  migration: 7_340_222_601,
  /** Exactly one platform signing key is made, or rotated, at a time. */
  signingKey: 7_340_222_602,
  /** One audit sealer at a time, across every process. */
  auditSealer: 7_340_222_603,
} as const
