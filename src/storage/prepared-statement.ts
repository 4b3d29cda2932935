import type { Query, SQL } from 'drizzle-orm'
import { PgDialect, type PreparedQueryConfig } from 'drizzle-orm/pg-core'
import type { Database } from './database.js'

const dialect = new PgDialect()

/**
 * A statement on a hot path: its text is built once, with `sql.placeholder(name)` for every
 * value, and sent by name, so PostgreSQL parses and plans it once per connection. Building
 * the same SQL with Drizzle on every write cost more CPU than the database work (STACK.md).
 * Only for statements whose best plan does not depend on the values: PostgreSQL soon settles
 * on a generic plan, which cannot hash an array parameter (see `loadRecords`).
 */
export interface PreparedStatement {
  name: string
  query: Query
}

export function prepareStatement(name: string, statement: SQL): PreparedStatement {
  return { name, query: dialect.sqlToQuery(statement) }
}

/** Runs a prepared statement with a value for each placeholder; both drivers answer `.rows`. */
export async function runPrepared<T>(
  db: Database,
  statement: PreparedStatement,
  values: Record<string, unknown>,
): Promise<T[]> {
  const prepared = db._.session.prepareQuery<PreparedQueryConfig & { execute: { rows: T[] } }>(
    statement.query,
    undefined,
    statement.name,
    false,
  )
  const result = await prepared.execute(values)
  return result.rows
}

const prepared = new Map<string, PreparedStatement>()

/** The statement of this name, built on first use; a name stands for one text for ever. */
export function preparedOnce(name: string, build: () => SQL): PreparedStatement {
  let statement = prepared.get(name)
  if (!statement) {
    statement = prepareStatement(name, build())
    prepared.set(name, statement)
  }
  return statement
}
