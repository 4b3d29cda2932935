import { describe, expect, it } from 'vitest'
import type { Principal } from '../../src/auth/principal.js'
import { createVerifiedTokens } from '../../src/auth/verified-tokens.js'

const principal: Principal = {
  clientId: 'insurer-a',
  role: 'insurer',
  insurerCode: '91450100MA5K7B2X5R',
}
const checkedAt = new Date('2026-03-01T08:00:00Z')
const seconds = (date: Date) => date.getTime() / 1000
const later = (ms: number) => new Date(checkedAt.getTime() + ms)

describe('verified access tokens', () => {
  it('answers a token verified before, until it expires', () => {
    const tokens = createVerifiedTokens(60_000)
    tokens.remember('t', { principal, exp: seconds(checkedAt) + 30, nbf: undefined }, checkedAt)

    expect(tokens.find('t', later(29_999))).toEqual(principal)
    expect(tokens.find('t', later(30_000))).toBeUndefined()
  })

  it('never answers a token it did not verify', () => {
    const tokens = createVerifiedTokens(60_000)
    tokens.remember('t', { principal, exp: seconds(checkedAt) + 600, nbf: undefined }, checkedAt)

    expect(tokens.find('t2', checkedAt)).toBeUndefined()
  })

  it('sends a token back to the full check once its entry is older than the bound', () => {
    const tokens = createVerifiedTokens(60_000)
    tokens.remember('t', { principal, exp: seconds(checkedAt) + 600, nbf: undefined }, checkedAt)

    expect(tokens.find('t', later(60_000))).toBeUndefined()
    expect(tokens.find('t', later(1_000))).toBeUndefined()
  })

  it('does not answer before nbf, nor when the clock has moved back', () => {
    const tokens = createVerifiedTokens(60_000)
    const claims = { principal, exp: seconds(checkedAt) + 600, nbf: seconds(checkedAt) + 10 }
    tokens.remember('t', claims, later(10_000))
    expect(tokens.find('t', later(10_000))).toEqual(principal)

    tokens.remember('t', claims, later(10_000))
    expect(tokens.find('t', later(9_000))).toBeUndefined()
  })
})
