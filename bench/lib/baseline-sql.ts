/**
 * The statements the server sends for new policies, copied from PostgreSQL's statement log
 * (`alter database … set log_statement = 'all'`, one PUT and one batch), whitespace aside, under
 * the names the server prepares them by (the batch's lock is not prepared: it is planned for
 * each key list). Change them together with
 * src/storage/records/{record-store,record-at-once,history-store}.ts.
 */
export interface Statement {
  /** Prepared by this name; sent unnamed, and so planned each time, without one. */
  name?: string
  text: string
}

const LOCK_CURRENT_TEXT = `select insurer_code, key, version, sha256, body, flags, voided, \
region_code, industry, credit_code, created_at, updated_at, received_by from "policies"
        where insurer_code = $1 and key = any($2::text[]) for update`

const POLICY_COLUMNS = [
  'insurer_code',
  'key',
  'version',
  'sha256',
  'body',
  'flags',
  'voided',
  'status',
  'region_code',
  'industry',
  'credit_code',
  'created_at',
  'updated_at',
  'received_by',
  'issue_date',
  'period_start',
  'period_end',
  'premium',
  'premium_collected',
  'insured_headcount',
  'standardization_factor',
  'commission_rate',
]
const POLICY_TYPES = [
  'text',
  'text',
  'integer',
  'text',
  'jsonb',
  'jsonb',
  'boolean',
  'text',
  'text',
  'text',
  'text',
  'timestamp with time zone',
  'timestamp with time zone',
  'text',
  'date',
  'date',
  'date',
  'numeric',
  'numeric',
  'integer',
  'numeric',
  'numeric',
]

const INSERT_POLICIES_TEXT = `insert into "policies"
    (${quoted(POLICY_COLUMNS)})
    select ${selected(POLICY_COLUMNS)} from ${unnest(POLICY_COLUMNS, POLICY_TYPES, 1)}
    on conflict (insurer_code, key) do nothing
    returning key`

const VERSION_COLUMNS = [
  'kind',
  'insurer_code',
  'key',
  'version',
  'sha256',
  'body',
  'flags',
  'voided',
  'receipt_id',
  'created_at',
  'received_by',
]
const VERSION_TYPES = [
  'text',
  'text',
  'text',
  'integer',
  'text',
  'jsonb',
  'jsonb',
  'boolean',
  'uuid',
  'timestamptz',
  'text',
]
const AUDIT_COLUMNS = [
  'client_id',
  'request_id',
  'insurer_code',
  'region_code',
  'kind',
  'key',
  'version',
  'sha256',
  'outcome',
]
const RECEIPT_COLUMNS = [
  'receipt_id',
  'insurer_code',
  'kind',
  'key',
  'version',
  'sha256',
  'received_at',
  'signature',
]
const RECEIPT_TYPES = ['uuid', 'text', 'text', 'text', 'integer', 'text', 'timestamptz', 'text']
const AUDIT_TYPES = ['text', 'text', 'text', 'text', 'text', 'text', 'integer', 'text', 'text']

const APPEND_HISTORY_TEXT = `with v as (insert into "record_versions" (${quoted(VERSION_COLUMNS)})
    select ${selected(VERSION_COLUMNS)} from ${unnest(VERSION_COLUMNS, VERSION_TYPES, 1)}), \
a as (insert into "audit_log" (${quoted(AUDIT_COLUMNS)})
    select ${selected(AUDIT_COLUMNS)} from ${unnest(AUDIT_COLUMNS, AUDIT_TYPES, 12)}) \
insert into "receipts" (${quoted(RECEIPT_COLUMNS)})
    select ${selected(RECEIPT_COLUMNS)} from ${unnest(RECEIPT_COLUMNS, RECEIPT_TYPES, 21)}`

// A single PUT of a new policy: an unlocked read of the key, then one statement whose policy
// is one row of scalars (`flags` a plain `text[]` there).
const POLICY_SCALAR_TYPES = POLICY_TYPES.map((type, i) =>
  POLICY_COLUMNS[i] === 'flags' ? 'text[]' : type,
)

const LOAD_ONE_TEXT = `select insurer_code, key, version, sha256, body, flags, voided, \
region_code, industry, credit_code, created_at, updated_at, received_by from "policies"
      where insurer_code = $1
        and key = $2`

const CREATE_POLICY_TEXT = `with r as (
        insert into "policies" (${quoted(POLICY_COLUMNS)})
        values (${scalars(POLICY_SCALAR_TYPES)})
        on conflict (insurer_code, key) do nothing
        returning insurer_code, key, version, sha256, body, flags, voided, region_code,
          updated_at, received_by
      ), v as (
        insert into record_versions (kind, insurer_code, key, version, sha256, body, flags,
          voided, receipt_id, created_at, received_by)
        select $23::text, insurer_code, key, version, sha256, body, flags, voided, $24::uuid,
          updated_at, received_by
        from r
      ), a as (
        insert into audit_log (client_id, request_id, insurer_code, region_code, kind, key,
          version, sha256, outcome)
        select $25::text, $26::text,
          insurer_code, region_code, $27::text, key, version, sha256, 'created'
        from r
      )
      insert into receipts (receipt_id, insurer_code, kind, key, version, sha256, received_at,
        signature)
      select $28::uuid, insurer_code, $29::text, key, version, sha256,
        $30::timestamptz, $31::text
      from r
      returning receipt_id`

export const LOAD_ONE: Statement = { name: 'load policies', text: LOAD_ONE_TEXT }
export const CREATE_POLICY: Statement = { name: 'create policies', text: CREATE_POLICY_TEXT }

export const LOCK_CURRENT: Statement = { text: LOCK_CURRENT_TEXT }
export const INSERT_POLICIES: Statement = {
  name: 'insert policies',
  text: INSERT_POLICIES_TEXT,
}
export const APPEND_HISTORY: Statement = { name: 'append history', text: APPEND_HISTORY_TEXT }

function quoted(columns: string[]): string {
  return columns.map((c) => `"${c}"`).join(', ')
}

/** `u."flags"` travels as JSON and is turned back into `text[]`, as the server does. */
function selected(columns: string[]): string {
  return columns
    .map((c) => (c === 'flags' ? `array(select jsonb_array_elements_text(u."flags"))` : `u."${c}"`))
    .join(', ')
}

/** `$1::text, $2::integer, …`: one row of scalar parameters. */
function scalars(types: string[]): string {
  return types.map((type, i) => `$${i + 1}::${type}`).join(', ')
}

function unnest(columns: string[], types: string[], first: number): string {
  const arrays = types.map((type, i) => `$${first + i}::${type}[]`).join(', ')
  return `unnest(${arrays}) as u(${quoted(columns)})`
}
