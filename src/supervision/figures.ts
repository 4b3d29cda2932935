import { divideRounded, formatScaled, toScaled } from '../domain/values/decimal.js'

/** Ratios are answered with 4 decimals ("0.2500"), rounded half away from zero. */
const RATIO_SCALE = 4

/**
 * `numerator / denominator` as a decimal string, computed exactly from decimal strings (money
 * sums or counts); null when the denominator is zero, since no ratio exists then.
 */
export function ratioOf(numerator: string | number, denominator: string | number): string | null {
  const n = toScaled(String(numerator), 2)
  const d = toScaled(String(denominator), 2)
  if (d === 0n) return null
  return formatScaled(divideRounded(n * 10n ** BigInt(RATIO_SCALE), d), RATIO_SCALE)
}

/** Whether `numerator / denominator` is at least `threshold`, exactly (no rounding). */
export function isRatioAtLeast(numerator: string, denominator: string, threshold: string): boolean {
  return scaledRatioSides(numerator, denominator, threshold).left >= 0n
}

/** Whether `numerator / denominator` is above `threshold`, exactly. */
export function isRatioAbove(numerator: string, denominator: string, threshold: string): boolean {
  return scaledRatioSides(numerator, denominator, threshold).left > 0n
}

/** n/d ≥ t ⇔ n·10⁶ − d·t·10⁶ ≥ 0, for a non-negative denominator: no division, no rounding. */
function scaledRatioSides(numerator: string, denominator: string, threshold: string) {
  const n = toScaled(numerator, 2) * 1_000_000n
  const bound = toScaled(denominator, 2) * toScaled(threshold, 6)
  return { left: n - bound }
}
