import { AppError } from '../../../domain/errors/app-error.js'
import type { StoredRecord } from '../../../domain/records/kind.js'

/** `"3"` or `W/"3"`: the version an `If-Match` names; anything else matches no version. */
export function parseEtag(value: string): number | undefined {
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(value.trim())
  return match ? Number(match[1]) : undefined
}

export function etagOf(version: number): string {
  return `"${version}"`
}

/**
 * Conditional writes (SPEC §3): `If-Match: "<version>"` writes only over that version, and
 * `If-None-Match: *` only creates. Either mismatch is a 412 and nothing is stored.
 */
export function createPrecondition(headers: { 'if-match'?: string; 'if-none-match'?: string }) {
  const ifMatch = headers['if-match']
  const createOnly = headers['if-none-match']?.trim() === '*'

  return (current: StoredRecord | undefined) => {
    if (createOnly && current) {
      throw new AppError('already_exists', {
        detail: {
          zh: `记录已存在（版本 ${current.version}）`,
          en: `exists at version ${current.version}`,
        },
      })
    }
    if (ifMatch === undefined || (ifMatch.trim() === '*' && current)) return

    const accepted = ifMatch.split(',').map(parseEtag)
    if (!current || !accepted.includes(current.version)) {
      throw new AppError('version_conflict', {
        detail: {
          zh: `当前版本为 ${current?.version ?? '无'}，与 If-Match 不符`,
          en: `current version is ${current?.version ?? 'none'}, not the one If-Match names`,
        },
      })
    }
  }
}
