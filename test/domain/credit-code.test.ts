import { describe, expect, it } from 'vitest'
import {
  CREDIT_CODE_PATTERN,
  checkCreditCode,
  computeCheckCharacter,
  hasValidCheckCharacter,
  isCreditCodeForm,
} from '../../src/domain/values/credit-code.js'

const nobodyAllowListed = () => false

describe('credit code form', () => {
  it('accepts 18 characters of the GB 32100 charset', () => {
    expect(isCreditCodeForm('91450100MA5K7B2X5R')).toBe(true)
  })

  it('rejects the letters I, O, S, V and Z, lowercase, and other lengths', () => {
    for (const code of ['91450100MA5K7B2XIR', '91450100MA5K7B2XOR', '91450100MA5K7B2XSR']) {
      expect(isCreditCodeForm(code)).toBe(false)
    }
    expect(isCreditCodeForm('91450100MA5K7B2XVR')).toBe(false)
    expect(isCreditCodeForm('91450100MA5K7B2XZR')).toBe(false)
    expect(isCreditCodeForm('91450100ma5k7b2x5r')).toBe(false)
    expect(isCreditCodeForm('91450100MA5K7B2X5')).toBe(false)
    expect(isCreditCodeForm('91450100MA5K7B2X5RR')).toBe(false)
  })

  it('exposes the same form as a pattern source for JSON Schema', () => {
    expect(new RegExp(CREDIT_CODE_PATTERN).test('91450200MA5N3F8R6M')).toBe(true)
    expect(new RegExp(CREDIT_CODE_PATTERN).test('91450200MA5N3F8R6')).toBe(false)
  })
})

describe('credit code check character', () => {
  it('accepts the SPEC examples with a correct check character', () => {
    expect(hasValidCheckCharacter('91450100MA5K7B2X5R')).toBe(true)
    expect(hasValidCheckCharacter('91450200MA5N3F8R6M')).toBe(true)
  })

  it('rejects a code whose check character is wrong', () => {
    expect(hasValidCheckCharacter('91450100MA5K7B2X50')).toBe(false)
  })

  it('rejects a malformed code instead of throwing', () => {
    expect(hasValidCheckCharacter('not a code')).toBe(false)
  })

  it('computes the check character from the first 17 characters', () => {
    expect(computeCheckCharacter('91450100MA5K7B2X5')).toBe('R')
    expect(computeCheckCharacter('91450200MA5N3F8R6')).toBe('M')
  })

  it('maps a weighted sum divisible by 31 to the character 0', () => {
    expect(computeCheckCharacter('00000000000000000')).toBe('0')
  })

  it('refuses to compute over anything but 17 charset characters', () => {
    expect(() => computeCheckCharacter('91450100MA5K7B2X')).toThrow(RangeError)
    expect(() => computeCheckCharacter('91450100MA5K7B2XI')).toThrow(RangeError)
  })
})

describe('checkCreditCode', () => {
  it('passes a valid code without consulting the allow-list', () => {
    const lookups: string[] = []
    const isAllowListed = (code: string) => {
      lookups.push(code)
      return false
    }

    expect(checkCreditCode('/insured/creditCode', '91450100MA5K7B2X5R', isAllowListed)).toBe(
      undefined,
    )
    expect(lookups).toEqual([])
  })

  it('answers credit_code_checksum for a wrong check character', () => {
    expect(checkCreditCode('/insured/creditCode', '91450100MA5K7B2X50', nobodyAllowListed)).toEqual(
      { path: '/insured/creditCode', code: 'credit_code_checksum' },
    )
  })

  it('accepts a pilot-era code with a wrong check character when it is allow-listed', () => {
    const isAllowListed = (code: string) => code === '91450100MA5K7B2X50'

    expect(checkCreditCode('/insurerCode', '91450100MA5K7B2X50', isAllowListed)).toBe(undefined)
  })

  it('answers invalid_credit_code for a malformed code even when allow-listed', () => {
    expect(checkCreditCode('/payee/creditCode', 'ABC', () => true)).toEqual({
      path: '/payee/creditCode',
      code: 'invalid_credit_code',
    })
  })
})
