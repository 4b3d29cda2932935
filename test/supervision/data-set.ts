import request from 'supertest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, type TestClient } from '../helpers/auth.js'
import { createFakeClock, type FakeClock, tokenAt } from '../helpers/fake-clock.js'
import { INSURER_A, INSURER_B } from '../helpers/fixtures.js'
import { type Item, insurerAItems, insurerBItems } from './data-set-records.js'

/**
 * A small fixed data set written through the API, from which every supervision figure is
 * computed by hand in the tests. Two insurers, Nanning (4501) and Liuzhou (4502); every write
 * happens at NOW, so that a record is on time only when its business date is within 7 days.
 *
 * Insurer A: policies A-P1 (Nanning, 36,000 collected) and A-P2 (Liuzhou, 24,000 of 30,000,
 * headcount below employees, late renewal of A-P2025), A-PV voided. Ledger: budget 12,000,
 * expenses 10,500 (A-S1, Nanning) and 1,000 (A-S2, Liuzhou), adjustment −500 (no region).
 * Insurer B: policy B-P1 (Nanning, 60,000). Ledger: budget 10,000, expenses 14,500 (B-S1) and
 * 500 (B-S2, a service voided afterwards).
 */
export const NOW = '2026-06-15T12:00:00+08:00'
export const YEAR = 2026

export interface SupervisionData {
  t: TestApp
  fake: FakeClock
  insurerA: TestClient
  insurerB: TestClient
  province: TestClient
  nanning: TestClient
  liuzhou: TestClient
  admin: TestClient
  /** Accepted record writes per insurer, as the audit log counts them. */
  accepted: Record<string, number>
  /** An access token dated by the app's clock (it stands at NOW unless a test moves it). */
  token(client: TestClient): Promise<string>
  get(url: string, client: TestClient): Promise<request.Response>
}

/** Builds the app at NOW and writes the data set; PREVENTION_MIN_RATIO is 0.05 here. */
export async function createSupervisionData(): Promise<SupervisionData> {
  const fake = createFakeClock(NOW)
  const t = await createTestApp({
    clock: fake.clock,
    // The clock stands still: a real per-minute limit would count the whole file at once.
    config: { preventionMinRatio: '0.05', rateLimitPerMinute: 1_000_000 },
  })
  const token = (client: TestClient) => tokenAt(t, fake, client)
  const insurerA = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  const insurerB = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
  const accepted: Record<string, number> = { [INSURER_A]: 0, [INSURER_B]: 0 }

  await writeBatch(t, await token(insurerA), insurerA, insurerAItems(), accepted)
  const voidedTraining = insurerBItems().find((item) => item.key === 'B-S2')?.record ?? {}
  await writeBatch(
    t,
    await token(insurerB),
    insurerB,
    [
      ...insurerBItems(),
      {
        kind: 'services',
        key: 'B-S2',
        record: { ...voidedTraining, voided: true, voidReason: '未实际开展' },
      },
    ],
    accepted,
  )

  return {
    t,
    fake,
    insurerA,
    insurerB,
    province: await createClient(t, { role: 'regulator', regionCode: '450000' }),
    nanning: await createClient(t, { role: 'regulator', regionCode: '450100' }),
    liuzhou: await createClient(t, { role: 'regulator', regionCode: '450200' }),
    admin: await createClient(t, { role: 'admin' }),
    accepted,
    token,
    async get(url, client) {
      return request(t.app.server)
        .get(url)
        .set('authorization', `Bearer ${await token(client)}`)
    },
  }
}

async function writeBatch(
  t: TestApp,
  token: string,
  client: TestClient,
  items: Item[],
  accepted: Record<string, number>,
): Promise<void> {
  const response = await request(t.app.server)
    .post(`/api/v1/insurers/${client.insurerCode}/batches`)
    .set('authorization', `Bearer ${token}`)
    .send({ atomic: true, items })
  if (response.status !== 200) {
    throw new Error(`the data set was refused: ${response.status} ${response.text}`)
  }
  accepted[client.insurerCode ?? ''] = (accepted[client.insurerCode ?? ''] ?? 0) + items.length
}

/** Building the app and writing the data set takes a while on a busy two-core machine. */
export const SETUP_TIMEOUT = 180_000
