import { describe, expect, it } from 'vitest'
import { assertCanRead, assertCanWrite, isRegionVisible, readScope } from '../../src/auth/access.js'
import type { Principal } from '../../src/auth/principal.js'

const insurer: Principal = { clientId: 'a', role: 'insurer', insurerCode: '91450100MA5K7B2X5R' }
const province: Principal = { clientId: 'p', role: 'regulator', regionCode: '450000' }
const nanning: Principal = { clientId: 'n', role: 'regulator', regionCode: '450100' }
const qingxiu: Principal = { clientId: 'q', role: 'regulator', regionCode: '450103' }
const admin: Principal = { clientId: 'x', role: 'admin' }

const OTHER_INSURER = '91450200MA5N3F8R6M'

function codeOf(work: () => void): string | undefined {
  try {
    work()
    return undefined
  } catch (error) {
    return (error as { code?: string }).code
  }
}

describe('assertCanWrite', () => {
  it('lets an insurer write its own records only', () => {
    expect(codeOf(() => assertCanWrite(insurer, '91450100MA5K7B2X5R'))).toBeUndefined()
    expect(codeOf(() => assertCanWrite(insurer, OTHER_INSURER))).toBe('forbidden')
  })

  it('refuses regulators and admins, who do no business writes', () => {
    expect(codeOf(() => assertCanWrite(province, OTHER_INSURER))).toBe('forbidden')
    expect(codeOf(() => assertCanWrite(admin, OTHER_INSURER))).toBe('forbidden')
  })
})

describe('assertCanRead', () => {
  it('answers not_found to an insurer reading another insurer, leaking nothing', () => {
    expect(codeOf(() => assertCanRead(insurer, '91450100MA5K7B2X5R'))).toBeUndefined()
    expect(codeOf(() => assertCanRead(insurer, OTHER_INSURER))).toBe('not_found')
  })

  it('lets a regulator read inside its region and answers not_found outside it', () => {
    expect(codeOf(() => assertCanRead(nanning, OTHER_INSURER, '450103'))).toBeUndefined()
    expect(codeOf(() => assertCanRead(nanning, OTHER_INSURER, '450203'))).toBe('not_found')
    expect(codeOf(() => assertCanRead(nanning, OTHER_INSURER, null))).toBe('not_found')
    expect(codeOf(() => assertCanRead(nanning, OTHER_INSURER))).toBeUndefined()
  })

  it('lets an admin read everything', () => {
    expect(codeOf(() => assertCanRead(admin, OTHER_INSURER, null))).toBeUndefined()
  })
})

describe('readScope', () => {
  it('scopes an insurer to its insurerCode and a city or county regulator to its region', () => {
    expect(readScope(insurer)).toEqual({ insurerCode: '91450100MA5K7B2X5R' })
    expect(readScope(nanning)).toEqual({ regionPrefix: '4501' })
    expect(readScope(qingxiu)).toEqual({ regionPrefix: '450103' })
  })

  it('leaves a province regulator and an admin unscoped, records without region included', () => {
    expect(readScope(province)).toEqual({})
    expect(readScope(admin)).toEqual({})
  })
})

describe('isRegionVisible', () => {
  it('shows a regulator the divisions inside its own', () => {
    expect(isRegionVisible(nanning, '450103')).toBe(true)
    expect(isRegionVisible(nanning, '450100')).toBe(true)
    expect(isRegionVisible(qingxiu, '450102')).toBe(false)
    expect(isRegionVisible(province, '451402')).toBe(true)
  })

  it('shows a record without a region at province level only', () => {
    expect(isRegionVisible(province, null)).toBe(true)
    expect(isRegionVisible(nanning, null)).toBe(false)
  })

  it('never narrows insurers or admins by region', () => {
    expect(isRegionVisible(insurer, '450203')).toBe(true)
    expect(isRegionVisible(admin, null)).toBe(true)
  })
})
