const CHINA_OFFSET_MS = 8 * 3600_000

/**
 * An instant as RFC 3339 in China Standard Time (`2026-03-01T09:30:00.000+08:00`): the platform
 * answers in the province's own time, with the offset stated.
 */
export function formatChinaTime(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant
  const shifted = new Date(date.getTime() + CHINA_OFFSET_MS)
  return `${shifted.toISOString().slice(0, 23)}+08:00`
}

/** The calendar day of an instant in China Standard Time. */
export function chinaDay(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The calendar day `days` after a `YYYY-MM-DD` day (negative: before). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}
