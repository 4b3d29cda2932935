import type { Clock } from '../../src/clock.js'
import type { TestApp } from './app.js'
import { requestToken, type TestClient } from './auth.js'

/** A clock a test moves by hand, to watch what time alone does (a hazard becoming overdue). */
export interface FakeClock {
  clock: Clock
  /** Sets the time, as an RFC 3339 timestamp. */
  set(timestamp: string): void
  now(): Date
}

export function createFakeClock(start: string): FakeClock {
  let current = new Date(start)
  return {
    clock: () => new Date(current),
    set(timestamp) {
      current = new Date(timestamp)
    },
    now: () => new Date(current),
  }
}

/** Tokens already issued, by client id; client ids are random, so apps never share one. */
const issued = new Map<string, { at: number; token: string }>()

/** Well inside the default 15-minute token lifetime. */
const REUSE_MS = 5 * 60_000

/**
 * An access token valid at the fake clock's time. The app checks assertions and tokens
 * against its own clock, so after the clock moves a client needs an assertion dated by it.
 */
export async function tokenAt(t: TestApp, fake: FakeClock, client: TestClient): Promise<string> {
  const nowMs = fake.now().getTime()
  const known = issued.get(client.clientId)
  if (known && nowMs >= known.at && nowMs - known.at < REUSE_MS) return known.token

  const now = Math.floor(nowMs / 1000)
  const assertion = await client.assertion({ claims: { iat: now, exp: now + 120 } })
  const answer = await requestToken(t, assertion)
  if (answer.status !== 200) throw new Error(`token refused: ${answer.text}`)

  const token = answer.body.access_token as string
  issued.set(client.clientId, { at: nowMs, token })
  return token
}
