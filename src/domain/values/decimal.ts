/** A plain decimal string: optional minus, digits, at most `maxDecimals` decimals. */
export function isDecimalString(value: string, maxDecimals: number): boolean {
  const pattern = new RegExp(`^-?(0|[1-9]\\d{0,14})(\\.\\d{1,${maxDecimals}})?$`)
  return pattern.test(value)
}
