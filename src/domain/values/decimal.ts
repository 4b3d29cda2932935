/** A plain decimal string: optional minus, digits, at most `maxDecimals` decimals. */
export function isDecimalString(value: string, maxDecimals: number): boolean {
  const pattern = new RegExp(`^-?(0|[1-9]\\d{0,14})(\\.\\d{1,${maxDecimals}})?$`)
  return pattern.test(value)
}

/**
 * A decimal string as an integer count of 10^-scale units, so that money and rates are compared
 * and multiplied exactly (never as binary floating point). Extra digits are truncated.
 */
export function toScaled(value: string, scale: number): bigint {
  const negative = value.startsWith('-')
  const [whole = '0', fraction = ''] = value.replace(/^[-+]/, '').split('.')
  const digits = `${whole}${fraction.padEnd(scale, '0').slice(0, scale)}`
  const scaled = BigInt(digits)
  return negative ? -scaled : scaled
}

/** Divides with rounding half away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  const quotient = (n + d / 2n) / d
  return negative ? -quotient : quotient
}

export function compareDecimals(a: string, b: string): number {
  const difference = toScaled(a, 6) - toScaled(b, 6)
  return difference === 0n ? 0 : difference < 0n ? -1 : 1
}

/** The decimal text of a scaled integer, with exactly `scale` decimals. */
export function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0')
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
  return negative ? `-${text}` : text
}
