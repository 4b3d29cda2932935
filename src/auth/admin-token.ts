import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Whether `presented` is the bootstrap `ADMIN_TOKEN`, in constant time. Both are hashed first,
 * so that neither the comparison nor a length check reveals how much of a guess was right.
 */
export function isAdminToken(presented: string, configured: string | undefined): boolean {
  if (configured === undefined) return false
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(presented), digest(configured))
}
