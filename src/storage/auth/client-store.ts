import { asc, eq } from 'drizzle-orm'
import type { Database } from '../database.js'
import { clients } from '../tables/auth.js'

export type ClientRow = typeof clients.$inferSelect
export type NewClientRow = typeof clients.$inferInsert

export interface ClientRowChanges {
  name?: string
  jwks?: unknown
  disabled?: boolean
  updatedAt: Date
}

/** Inserts a client; undefined when the id is taken (the primary key decides, not a read). */
export async function insertClient(
  db: Database,
  row: NewClientRow,
): Promise<ClientRow | undefined> {
  const inserted = await db.insert(clients).values(row).onConflictDoNothing().returning()
  return inserted[0]
}

export async function findClient(db: Database, clientId: string): Promise<ClientRow | undefined> {
  const rows = await db.select().from(clients).where(eq(clients.clientId, clientId)).limit(1)
  return rows[0]
}

export async function listClientRows(db: Database): Promise<ClientRow[]> {
  return db.select().from(clients).orderBy(asc(clients.clientId))
}

export async function updateClientRow(
  db: Database,
  clientId: string,
  changes: ClientRowChanges,
): Promise<ClientRow | undefined> {
  const updated = await db
    .update(clients)
    .set(changes)
    .where(eq(clients.clientId, clientId))
    .returning()
  return updated[0]
}
