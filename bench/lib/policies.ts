import { randomBytes } from 'node:crypto'

/** Hands out policy numbers no run has used: a random run prefix and a counter. */
export function createPolicyNumbers(): () => string {
  const run = randomBytes(3).toString('hex').toUpperCase()
  let next = 0
  return () => `BENCH${run}-${String(next++).padStart(7, '0')}`
}

/**
 * A valid, warning-free policy of a Nanning chemical plant, the size of a real one (about
 * 600 bytes). The credit code has a valid check character, so no allow-list lookup runs.
 */
export function policyBody(
  policyNo: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    policyNo,
    insured: {
      creditCode: '91450100000000001B',
      name: '南宁市某化工有限公司',
      regionCode: '450102',
      industry: 'hazardous_chemicals',
      principal: { name: '张三', phone: '13800000000' },
      employeeCount: 120,
      standardizationGrade: 'level2',
    },
    issueDate: '2026-01-05',
    periodStart: '2026-01-06',
    periodEnd: '2027-01-05',
    insuredHeadcount: 120,
    perPersonLimit: '500000.00',
    premium: '36000.00',
    premiumCollected: '36000.00',
    baseRate: '0.003',
    finalRate: '0.00255',
    rateAdjustments: [{ reason: 'standardization', factor: '-0.15' }],
    commissionRate: '0.03',
    status: 'in_force',
    ...overrides,
  }
}
