import { computeCheckCharacter } from '../../src/domain/values/credit-code.js'

/** Two insurers' provincial branches, with valid GB 32100 codes. */
export const INSURER_A = '91450100MA5K7B2X5R'
export const INSURER_B = '91450200MA5N3F8R6M'

/** A valid unified social credit code made from a number, for as many units as a test needs. */
export function creditCode(n: number): string {
  const first17 = `9145010${String(n).padStart(10, '0')}`
  return first17 + computeCheckCharacter(first17)
}

type Body = Record<string, unknown>

/** A valid policy of a Nanning chemical plant; override any field. */
export function policyBody(policyNo: string, overrides: Body = {}): Body {
  return {
    policyNo,
    insured: {
      creditCode: creditCode(1),
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

/** A valid claim for a fall from height at the policy's site. */
export function claimBody(claimNo: string, policyNo: string, overrides: Body = {}): Body {
  return {
    claimNo,
    policyNo,
    accident: {
      occurredAt: '2026-03-01T09:30:00+08:00',
      regionCode: '450102',
      type: 'fall_from_height',
      description: '检修平台护栏缺失，一名工人高处坠落受伤',
      deaths: 0,
      seriousInjuries: 1,
    },
    reportedAt: '2026-03-01T11:00:00+08:00',
    status: 'reported',
    reserve: '80000.00',
    ...overrides,
  }
}

/**
 * A valid completed hazard inspection of the policy's site by a technical service organisation;
 * override any field (for another type, also send its object and `inspection: undefined`).
 */
export function serviceBody(serviceNo: string, policyNo: string, overrides: Body = {}): Body {
  return {
    serviceNo,
    policyNo,
    type: 'hazard_inspection',
    provider: {
      kind: 'technical_service_org',
      name: '广西某安全技术服务有限公司',
      creditCode: creditCode(900),
      qualification: '安全评价机构资质',
    },
    experts: [{ name: '李工', title: '高级工程师', certificateNo: 'ZJ-2026-001' }],
    form: 'onsite',
    startedAt: '2026-03-10T09:00:00+08:00',
    endedAt: '2026-03-10T17:00:00+08:00',
    measures: '对照危险化学品重大事故隐患判定标准逐项排查储罐区和装卸区',
    process: '现场查看、查阅资料、询问作业人员',
    insuredConfirmation: { name: '张三', confirmedAt: '2026-03-10T17:30:00+08:00' },
    followUp: { at: '2026-03-20T10:00:00+08:00', method: 'phone', satisfaction: 5 },
    cost: '6000.00',
    inspection: {
      scope: '储罐区、装卸区、控制室',
      criteria: ['hazardous_chemicals'],
      hazardsFound: 1,
    },
    status: 'completed',
    ...overrides,
  }
}

/** A valid major hazard, just found by the inspection; override any field. */
export function hazardBody(
  hazardNo: string,
  serviceNo: string,
  policyNo: string,
  overrides: Body = {},
): Body {
  return {
    hazardNo,
    serviceNo,
    policyNo,
    level: 'major',
    criterion: { standard: 'hazardous_chemicals', clause: '第十条' },
    description: '储罐区可燃气体检测报警装置失效',
    location: '储罐区 2 号罐',
    foundAt: '2026-03-10T10:00:00+08:00',
    status: 'found',
    ...overrides,
  }
}

/** A valid budget entry of 2026 (no service); override any field. */
export function ledgerEntryBody(entryNo: string, overrides: Body = {}): Body {
  return {
    entryNo,
    year: 2026,
    kind: 'budget',
    amount: '7560.00',
    bookedAt: '2026-01-10',
    voucherNo: 'PZ-2026-0001',
    category: 'inspection',
    description: '2026 年度事故预防服务专项预算',
    ...overrides,
  }
}
