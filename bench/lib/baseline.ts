import { createHash, randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import {
  APPEND_HISTORY,
  CREATE_POLICY,
  INSERT_POLICIES,
  LOAD_ONE,
  LOCK_CURRENT,
} from './baseline-sql.js'
import { createPolicyNumbers, policyBody } from './policies.js'

export interface BaselineWriter {
  /** One new policy: the read and the one statement of a single PUT. */
  writeOne(): Promise<void>
  /** `count` new policies in one transaction, set-based: the statements of one batch. */
  writeBatch(count: number): Promise<void>
  close(): Promise<void>
}

/** A compact ES256 JWS over a receipt is about this long. */
const SIGNATURE = randomBytes(290).toString('base64url')

interface Row {
  key: string
  sha256: string
  body: string
  receiptId: string
}

interface ReceiptRow {
  receiptId: string
  kind: string
  key: string
  version: number | null
  sha256: string
}

/**
 * The database work of new policies without the server: the server's statements, sent as the
 * server sends them (named or not), with the same kinds of values, straight through a
 * `pg.Pool` as large as the server's.
 */
export function createBaselineWriter(
  databaseUrl: string,
  options: { poolSize: number; insurerCode: string; clientId: string },
): BaselineWriter {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize })
  // An idle client cut off (the database dropped after a failure) must not crash the bench.
  pool.on('error', () => {})
  const nextKey = createPolicyNumbers()
  const { insurerCode, clientId } = options

  async function writeBatch(keys: string[]): Promise<void> {
    const now = new Date().toISOString()
    const requestId = randomUUID()
    const batchReceiptId = randomUUID()
    const rows = keys.map((key) => newRow(key, batchReceiptId))
    const receipts: ReceiptRow[] = [
      { receiptId: batchReceiptId, kind: 'batch', key: requestId, version: null, sha256: '' },
    ]

    const each = <T>(value: (row: Row) => T) => rows.map(value)
    const same = <T>(value: T) => rows.map(() => value)
    const policies = [
      same(insurerCode),
      each((r) => r.key),
      same(1),
      each((r) => r.sha256),
      each((r) => r.body),
      same('[]'),
      same(false),
      same('in_force'),
      same('450102'),
      same('hazardous_chemicals'),
      same('91450100000000001B'),
      same(now),
      same(now),
      same(clientId),
      same('2026-01-05'),
      same('2026-01-06'),
      same('2027-01-05'),
      same('36000.00'),
      same('36000.00'),
      same(120),
      same('-0.150000'),
      same('0.03'),
    ]
    const history = [
      ...[same('policies'), same(insurerCode), each((r) => r.key), same(1)],
      ...[each((r) => r.sha256), each((r) => r.body), same('[]'), same(false)],
      ...[each((r) => r.receiptId), same(now), same(clientId)],
      ...[same(clientId), same(requestId), same(insurerCode), same('450102'), same('policies')],
      ...[each((r) => r.key), same(1), each((r) => r.sha256), same('created')],
      ...[receipts.map((r) => r.receiptId), receipts.map(() => insurerCode)],
      ...[receipts.map((r) => r.kind), receipts.map((r) => r.key)],
      ...[receipts.map((r) => r.version), receipts.map((r) => r.sha256 || sha256Hex(requestId))],
      ...[receipts.map(() => now), receipts.map(() => SIGNATURE)],
    ]

    const client = await pool.connect()
    try {
      await client.query('begin')
      await client.query({ ...LOCK_CURRENT, values: [insurerCode, keys] })
      const inserted = await client.query({ ...INSERT_POLICIES, values: policies })
      if (inserted.rowCount !== rows.length) throw new Error('a baseline insert conflicted')
      await client.query({ ...APPEND_HISTORY, values: history })
      await client.query('commit')
    } catch (error) {
      await client.query('rollback')
      throw error
    } finally {
      client.release()
    }
  }

  async function writeOne(): Promise<void> {
    const now = new Date().toISOString()
    const row = newRow(nextKey(), randomUUID())
    // Both statements on one connection, held between them, as the server holds one.
    const client = await pool.connect()
    try {
      await client.query({ ...LOAD_ONE, values: [insurerCode, row.key] })

      const policy = [insurerCode, row.key, 1, row.sha256, row.body, [], false, 'in_force']
      const scope = ['450102', 'hazardous_chemicals', '91450100000000001B', now, now, clientId]
      const typed = ['2026-01-05', '2026-01-06', '2027-01-05', '36000.00', '36000.00', 120]
      const figures = ['-0.150000', '0.03']
      const history = ['policies', row.receiptId, clientId, randomUUID(), 'policies']
      const receipt = [row.receiptId, 'policies', now, SIGNATURE]
      const created = await client.query({
        ...CREATE_POLICY,
        values: [...policy, ...scope, ...typed, ...figures, ...history, ...receipt],
      })
      if (created.rowCount !== 1) throw new Error('a baseline insert conflicted')
    } finally {
      client.release()
    }
  }

  return {
    writeOne,
    writeBatch: (count) => writeBatch(Array.from({ length: count }, nextKey)),
    close: () => pool.end(),
  }
}

function newRow(key: string, receiptId: string): Row {
  const body = JSON.stringify(policyBody(key))
  return { key, sha256: sha256Hex(body), body, receiptId }
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
