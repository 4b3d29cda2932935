import { lt } from 'drizzle-orm'
import type { Database } from '../database.js'
import { usedAssertions } from '../tables/auth.js'

/**
 * Records a client assertion's `jti`. The primary key (client, jti) makes the insert itself the
 * replay check, so two processes sharing the database cannot both accept one assertion.
 * False when the assertion was used before.
 */
export async function recordAssertionUse(
  db: Database,
  use: { clientId: string; jti: string; expiresAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(usedAssertions)
    .values(use)
    .onConflictDoNothing()
    .returning({ jti: usedAssertions.jti })
  return inserted.length === 1
}

/** Forgets assertion ids that expired before `cutoff`; an expired assertion fails anyway. */
export async function purgeUsedAssertions(db: Database, cutoff: Date): Promise<void> {
  await db.delete(usedAssertions).where(lt(usedAssertions.expiresAt, cutoff))
}
