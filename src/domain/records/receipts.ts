import { randomUUID } from 'node:crypto'
import { formatChinaTime } from '../values/time.js'

/** 回执: the insurer's proof that the platform received exactly this content (SPEC §3). */
export interface Receipt {
  receiptId: string
  insurerCode: string
  kind: string
  key: string
  version: number | null
  sha256: string
  receivedAt: string
  signature: string
}

/** Signs with the platform key; verifiable with /.well-known/jwks.json. */
export interface ReceiptSigner {
  /**
   * A signing function bound to the current key, taken before a write transaction opens:
   * finding the key may query the database, which must not happen inside the transaction.
   */
  jwsSigner(): Promise<SignJws>
}

export type SignJws = (payload: Record<string, unknown>) => Promise<string>

export type ReceiptFields = Omit<Receipt, 'receiptId' | 'receivedAt' | 'signature'>

/** Issues a receipt whose signature is a compact JWS over every other field. */
export async function issueReceipt(
  sign: SignJws,
  fields: ReceiptFields,
  receivedAt: Date,
): Promise<Receipt> {
  const unsigned = {
    receiptId: randomUUID(),
    ...fields,
    receivedAt: formatChinaTime(receivedAt),
  }
  return { ...unsigned, signature: await sign(unsigned) }
}
