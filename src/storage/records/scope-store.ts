import { sql } from 'drizzle-orm'
import type { RecordScope } from '../../domain/records/kind.js'
import type { Database } from '../database.js'

/** Who inherits a record's scope, through which column (SPEC §2: records inherit the region). */
const dependents = {
  policies: [
    { table: 'claims', column: 'policy_no' },
    { table: 'services', column: 'policy_no' },
    { table: 'hazards', column: 'policy_no' },
  ],
  services: [{ table: 'ledger_entries', column: 'service_no' }],
} as const

export type ScopeSource = keyof typeof dependents

export function isScopeSource(kind: string): kind is ScopeSource {
  return kind in dependents
}

/**
 * Moves the records that inherit their scope from `key` (a policy's claims, a service's ledger
 * entries) to its new scope, so that regulators keep seeing them where the policy now is.
 */
export async function propagateScope(
  db: Database,
  kind: ScopeSource,
  insurerCode: string,
  key: string,
  scope: RecordScope,
): Promise<void> {
  const assignments = sql`region_code = ${scope.regionCode}, industry = ${scope.industry},
    credit_code = ${scope.creditCode}`

  for (const { table, column } of dependents[kind]) {
    await db.execute(
      sql`update ${sql.identifier(table)} set ${assignments}
          where insurer_code = ${insurerCode} and ${sql.identifier(column)} = ${key}`,
    )
  }

  // Ledger entries inherit through their service, two steps from the policy.
  if (kind === 'policies') {
    await db.execute(
      sql`update ledger_entries set ${assignments}
          where insurer_code = ${insurerCode} and service_no in (
            select key from services where insurer_code = ${insurerCode} and policy_no = ${key})`,
    )
  }
}
