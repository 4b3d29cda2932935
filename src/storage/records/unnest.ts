import { type SQL, sql } from 'drizzle-orm'

/** A column fed from one array parameter of an `unnest(...)`. */
export interface UnnestColumn {
  name: string
  sqlType: string
  values: unknown[]
}

type ColumnShape = Omit<UnnestColumn, 'values'>

/**
 * `unnest($1::t1[], $2::t2[], …) AS u(c1, c2, …)`: many rows in one statement with one
 * parameter per column, however many rows (STACK.md: no bind-parameter limit, set-based).
 * A `text[]` column travels as JSON, since PostgreSQL arrays of arrays must be rectangular.
 */
export function unnestRows(columns: UnnestColumn[]): SQL {
  return unnestFrom(columns, (c) => sql.param(arrayValues(c)))
}

/**
 * The same with a placeholder for each column, named `prefix` + column, for a statement
 * prepared once (prepared-statement.ts); `unnestParams` gives the placeholders their values.
 */
export function unnestPlaceholders(columns: ColumnShape[], prefix = ''): SQL {
  return unnestFrom(columns, (c) => sql.placeholder(prefix + c.name))
}

export function unnestParams(columns: UnnestColumn[], prefix = ''): Record<string, unknown[]> {
  return Object.fromEntries(columns.map((c) => [prefix + c.name, arrayValues(c)]))
}

/** `u.column`, converting the JSON-carried `text[]` back. */
export function unnestValue(column: ColumnShape): SQL {
  const value = sql`u.${sql.identifier(column.name)}`
  return column.sqlType === 'text[]'
    ? sql`array(select jsonb_array_elements_text(${value}))`
    : value
}

function unnestFrom<T extends ColumnShape>(columns: T[], value: (column: T) => unknown): SQL {
  const arrays = columns.map((c) => {
    const type = c.sqlType === 'text[]' ? 'jsonb' : c.sqlType
    return sql`${value(c)}::${sql.raw(type)}[]`
  })
  const names = columns.map((c) => sql.identifier(c.name))
  return sql`unnest(${sql.join(arrays, sql`, `)}) as u(${sql.join(names, sql`, `)})`
}

function arrayValues(column: UnnestColumn): unknown[] {
  const isJson = column.sqlType === 'text[]' || column.sqlType === 'jsonb'
  return isJson ? column.values.map(toJson) : column.values
}

function toJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value)
}
