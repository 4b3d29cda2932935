import { describe, expect, it } from 'vitest'
import {
  BUSINESS_KEY_PATTERN,
  DATE_PATTERN,
  isBusinessKey,
  isDate,
  isMoney,
  isRate,
  isTimestamp,
  MONEY_PATTERN,
  RATE_PATTERN,
  SIGNED_MONEY_PATTERN,
  TIMESTAMP_PATTERN,
} from '../../src/domain/values/formats.js'

describe('money', () => {
  it('accepts yuan with up to 2 decimals', () => {
    for (const value of ['12800.00', '12800', '0', '0.5', '400000.00', '999999999999999.99']) {
      expect(isMoney(value)).toBe(true)
    }
  })

  it('rejects JSON numbers, extra decimals, leading zeros, signs and separators', () => {
    for (const value of [12800, '12800.001', '012', '+5', '.5', '5.', '1,000.00', '1e3', '']) {
      expect(isMoney(value)).toBe(false)
    }
  })

  it('rejects a negative amount unless negatives are allowed', () => {
    expect(isMoney('-1500.00')).toBe(false)
    expect(isMoney('-1500.00', { allowNegative: true })).toBe(true)
    expect(isMoney('--1', { allowNegative: true })).toBe(false)
  })

  it('rejects amounts beyond 15 integer digits', () => {
    expect(isMoney('1000000000000000')).toBe(false)
  })
})

describe('rate', () => {
  it('accepts decimal strings with up to 6 decimals, negative included', () => {
    for (const value of ['0.0035', '-0.15', '1', '0.123456']) {
      expect(isRate(value)).toBe(true)
    }
  })

  it('rejects numbers, 7 decimals and malformed strings', () => {
    for (const value of [0.0035, '0.1234567', '.15', '-', 'abc']) {
      expect(isRate(value)).toBe(false)
    }
  })
})

describe('date', () => {
  it('accepts a real calendar day, leap days included', () => {
    for (const value of ['2026-03-01', '2024-02-29', '2000-02-29', '2026-12-31']) {
      expect(isDate(value)).toBe(true)
    }
  })

  it('rejects days a month lacks and non-leap February 29', () => {
    for (const value of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-02-30']) {
      expect(isDate(value)).toBe(false)
    }
  })

  it('rejects other shapes, out-of-range parts and years below 1000', () => {
    for (const value of ['2026-3-1', '2026/03/01', '2026-13-01', '2026-00-10', '0026-03-01']) {
      expect(isDate(value)).toBe(false)
    }
    expect(isDate('2026-03-01T00:00:00Z')).toBe(false)
    expect(isDate(20260301)).toBe(false)
  })
})

describe('timestamp', () => {
  it('accepts RFC 3339 with an offset or Z, with or without fractions', () => {
    const values = [
      '2026-03-01T09:30:00+08:00',
      '2026-03-01T01:30:00Z',
      '2026-03-01T01:30:00.123Z',
      '2026-03-01t01:30:00z',
      '2026-03-01T09:30:00-05:30',
    ]
    for (const value of values) {
      expect(isTimestamp(value)).toBe(true)
    }
  })

  it('rejects a timestamp without an offset', () => {
    expect(isTimestamp('2026-03-01T09:30:00')).toBe(false)
    expect(isTimestamp('2026-03-01 09:30:00+08:00')).toBe(false)
  })

  it('rejects impossible days, times and offsets', () => {
    for (const value of [
      '2026-02-30T09:30:00+08:00',
      '2026-03-01T24:00:00+08:00',
      '2026-03-01T09:60:00+08:00',
      '2026-03-01T23:59:60Z',
      '2026-03-01T09:30:00+0800',
      '2026-03-01T09:30:00+24:00',
    ]) {
      expect(isTimestamp(value)).toBe(false)
    }
  })
})

describe('business key', () => {
  it('accepts letters, digits, dots, underscores and hyphens up to 64 characters', () => {
    for (const value of ['P2026-0001', 'a', 'CLM_2026.03.01', 'x'.repeat(64)]) {
      expect(isBusinessKey(value)).toBe(true)
    }
  })

  it('rejects a leading separator, other characters and 65 characters', () => {
    for (const value of ['-P1', '.P1', 'P 1', 'P/1', '保单1', '', 'x'.repeat(65), 42]) {
      expect(isBusinessKey(value)).toBe(false)
    }
  })
})

describe('pattern sources', () => {
  it('compile to the same rules as the predicates, for JSON Schema', () => {
    expect(new RegExp(MONEY_PATTERN, 'u').test('12800.00')).toBe(true)
    expect(new RegExp(SIGNED_MONEY_PATTERN, 'u').test('-12800.00')).toBe(true)
    expect(new RegExp(RATE_PATTERN, 'u').test('-0.15')).toBe(true)
    expect(new RegExp(DATE_PATTERN, 'u').test('2026-03-01')).toBe(true)
    expect(new RegExp(TIMESTAMP_PATTERN, 'u').test('2026-03-01T09:30:00+08:00')).toBe(true)
    expect(new RegExp(BUSINESS_KEY_PATTERN, 'u').test('P2026-0001')).toBe(true)
  })
})
