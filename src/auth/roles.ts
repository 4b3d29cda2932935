/** The three kinds of client (SPEC §2): insurers write, regulators read, admins manage. */
export const roles = ['insurer', 'regulator', 'admin'] as const

export type Role = (typeof roles)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}
