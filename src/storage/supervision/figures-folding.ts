import { sql } from 'drizzle-orm'
import { advisoryLocks, inTransactionHolding } from '../advisory-locks.js'
import { type Database, queryRows } from '../database.js'
import { foldUnitFigures } from './unit-figures.js'

/** A figures table (src/storage/tables/figures.ts): the columns that key a row, and the sums. */
interface FiguresTable {
  name: string
  keys: string[]
  /** The keys that may be null; they are compared as '' so that the fold can hash its join. */
  nullableKeys: string[]
  sums: string[]
  /** The sum that is zero exactly when the key holds no records, and then every sum is zero. */
  count: string
}

const figuresTables: FiguresTable[] = [
  {
    name: 'policy_figures',
    keys: ['year', 'insurer_code', 'region_code', 'industry'],
    nullableKeys: ['region_code', 'industry'],
    sums: [
      'policies',
      'on_time',
      'insured_headcount',
      'premium',
      'premium_collected',
      'headcount_below_employees',
      'limit_below_minimum',
      'late_renewal',
      'commission_above_maximum',
      'discounts',
      'discount_factor_sum',
    ],
    count: 'policies',
  },
  {
    name: 'service_figures',
    keys: ['year', 'insurer_code', 'region_code', 'industry', 'type'],
    nullableKeys: ['region_code', 'industry'],
    sums: [
      'records',
      'on_time',
      'delivered',
      'delivered_cost',
      'participants',
      'follow_ups',
      'follow_up_score_sum',
    ],
    count: 'records',
  },
]

/**
 * Replaces the rows of every key that writers appended to since the last pass by one folded row
 * of their sums, and drops keys whose records are all gone. One statement per table: a reader
 * sees the rows before or after, never half of them, and rows a writer appends meanwhile are
 * not in the statement's snapshot, so they stay for the next pass. Then folds the units' changes
 * (./unit-figures.ts). Answers the rows merged.
 */
export async function foldFigures(db: Database): Promise<number> {
  return inTransactionHolding(db, advisoryLocks.figuresFolder, 0, async (tx) => {
    let folded = 0
    for (const table of figuresTables) {
      const [row] = await queryRows<{ folded: number }>(tx, foldStatement(table))
      folded += row?.folded ?? 0
    }
    return folded + (await foldUnitFigures(tx))
  })
}

/** Keys folded per table and pass: a backlog (a bulk load, say) is folded over several passes. */
const KEYS_PER_PASS = 20_000

function foldStatement({ name, keys, nullableKeys, sums, count }: FiguresTable) {
  const table = sql.identifier(name)
  const keyList = sql.join(
    keys.map((key) => sql.identifier(key)),
    sql`, `,
  )
  const comparable = (alias: string, key: string) => {
    const column = sql`${sql.identifier(alias)}.${sql.identifier(key)}`
    return nullableKeys.includes(key) ? sql`coalesce(${column}, '')` : column
  }
  const sameKey = sql.join(
    keys.map((key) => sql`${comparable('f', key)} = ${comparable('c', key)}`),
    sql` and `,
  )
  const sumList = sql.join(
    sums.map((column) => sql`sum(${sql.identifier(column)})`),
    sql`, `,
  )
  const allColumns = sql.join(
    [...keys, ...sums].map((column) => sql.identifier(column)),
    sql`, `,
  )
  const counted = sql.identifier(count)

  return sql`with touched as (
               select distinct ${keyList} from ${table} where not folded
               limit ${KEYS_PER_PASS}
             ),
             gone as (
               delete from ${table} f using touched c where ${sameKey} returning f.*
             ),
             merged as (
               insert into ${table} (${allColumns}, folded)
               select ${keyList}, ${sumList}, true from gone
               group by ${keyList}
               having sum(${counted}) <> 0
               returning 1
             )
             select (select count(*) from gone)::int as folded`
}
