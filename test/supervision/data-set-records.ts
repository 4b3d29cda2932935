import {
  claimBody,
  creditCode,
  hazardBody,
  ledgerEntryBody,
  policyBody,
  serviceBody,
} from '../helpers/fixtures.js'

/** The records of the supervision data set (data-set.ts), in the order they are written. */
const liuzhouUnit = {
  creditCode: creditCode(2),
  name: '柳州市某建筑工程有限公司',
  regionCode: '450202',
  industry: 'construction',
  principal: { name: '李四' },
  employeeCount: 100,
}

const mineUnit = {
  creditCode: creditCode(3),
  name: '南宁市某矿业有限公司',
  regionCode: '450103',
  industry: 'mine',
  principal: { name: '王五' },
  employeeCount: 120,
}

const inspection = (key: string, policyNo: string, startedAt: string, cost: string) =>
  serviceBody(key, policyNo, {
    startedAt,
    endedAt: startedAt.replace('09:00', '17:00'),
    cost,
  })

const typed = (key: string, policyNo: string, fields: Record<string, unknown>) =>
  serviceBody(key, policyNo, { inspection: undefined, ...fields })

const notice = (notifiedAt: string) => ({
  notifiedAt,
  recipientRole: 'principal',
  recipientName: '张三',
  channel: 'written',
})

export type Item = { kind: string; key: string; record: Record<string, unknown> }

export function insurerAItems(): Item[] {
  const policy = (key: string, record: Record<string, unknown>) => ({
    kind: 'policies',
    key,
    record,
  })
  return [
    policy('A-P1', policyBody('A-P1')),
    policy(
      'A-P2025',
      policyBody('A-P2025', {
        insured: liuzhouUnit,
        issueDate: '2024-12-20',
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        insuredHeadcount: 100,
        premium: '28000.00',
        premiumCollected: '28000.00',
        status: 'expired',
      }),
    ),
    policy(
      'A-P2',
      policyBody('A-P2', {
        insured: liuzhouUnit,
        issueDate: '2026-02-01',
        periodStart: '2026-02-01',
        periodEnd: '2027-01-31',
        insuredHeadcount: 80,
        premium: '30000.00',
        premiumCollected: '24000.00',
        finalRate: '0.003',
        rateAdjustments: [],
        renewalOf: 'A-P2025',
      }),
    ),
    policy(
      'A-PV',
      policyBody('A-PV', {
        insured: { ...liuzhouUnit, creditCode: creditCode(5), regionCode: '450203' },
        issueDate: '2026-01-10',
        premium: '99999.00',
        premiumCollected: '99999.00',
        voided: true,
        voidReason: '录入错误',
      }),
    ),
    {
      kind: 'claims',
      key: 'A-C1',
      record: claimBody('A-C1', 'A-P1', {
        accident: {
          occurredAt: '2026-03-01T09:30:00+08:00',
          regionCode: '450102',
          type: 'fall_from_height',
          description: '高处坠落',
          deaths: 0,
          seriousInjuries: 1,
          minorInjuries: 2,
        },
        status: 'paid',
        paidAmount: '50000.00',
        paidAt: '2026-04-01T10:00:00+08:00',
      }),
    },
    {
      kind: 'claims',
      key: 'A-C2',
      record: claimBody('A-C2', 'A-P2', {
        accident: {
          occurredAt: '2026-05-01T08:00:00+08:00',
          regionCode: '450202',
          type: 'collapse',
          description: '基坑坍塌',
          deaths: 1,
          seriousInjuries: 0,
        },
        reportedAt: '2026-05-01T09:00:00+08:00',
        status: 'registered',
        reserve: '20000.00',
      }),
    },
    {
      kind: 'services',
      key: 'A-S1',
      record: inspection('A-S1', 'A-P1', '2026-03-10T09:00:00+08:00', '6000.00'),
    },
    {
      kind: 'services',
      key: 'A-S2',
      record: typed('A-S2', 'A-P2', {
        type: 'training',
        startedAt: '2026-04-01T09:00:00+08:00',
        endedAt: '2026-04-01T12:00:00+08:00',
        cost: '3000.00',
        training: {
          topics: ['accident_cases'],
          participants: 40,
          hours: 3,
          followUp: { score: 80 },
        },
      }),
    },
    {
      kind: 'services',
      key: 'A-S3',
      record: typed('A-S3', 'A-P1', {
        type: 'risk_assessment',
        startedAt: '2026-05-01T09:00:00+08:00',
        endedAt: '2026-05-01T17:00:00+08:00',
        cost: '2000.00',
        riskAssessment: { riskLevel: 'high', basis: '风险评估导则' },
      }),
    },
    {
      kind: 'services',
      key: 'A-S4',
      record: typed('A-S4', 'A-P1', {
        type: 'risk_assessment',
        startedAt: '2026-05-20T09:00:00+08:00',
        endedAt: '2026-05-20T17:00:00+08:00',
        cost: '2000.00',
        riskAssessment: { riskLevel: 'medium', basis: '整改后复评' },
      }),
    },
    {
      kind: 'services',
      key: 'A-S5',
      record: inspection('A-S5', 'A-P2', '2026-03-12T09:00:00+08:00', '2500.00'),
    },
    {
      kind: 'hazards',
      key: 'A-H1',
      record: hazardBody('A-H1', 'A-S1', 'A-P1', {
        notification: notice('2026-03-10T15:00:00+08:00'),
        rectificationDeadline: '2026-04-10',
        status: 'rectifying',
      }),
    },
    {
      kind: 'hazards',
      key: 'A-H2',
      record: hazardBody('A-H2', 'A-S1', 'A-P1', {
        foundAt: '2026-03-11T10:00:00+08:00',
        notification: notice('2026-03-13T10:00:00+08:00'),
        rectificationDeadline: '2026-07-01',
        status: 'notified',
      }),
    },
    {
      kind: 'hazards',
      key: 'A-H3',
      record: hazardBody('A-H3', 'A-S5', 'A-P2', {
        level: 'general',
        criterion: undefined,
        foundAt: '2026-03-12T10:00:00+08:00',
        rectification: { completedAt: '2026-03-12T11:00:00+08:00', measures: '当场整改' },
        status: 'rectified',
      }),
    },
    {
      kind: 'hazards',
      key: 'A-H4',
      record: hazardBody('A-H4', 'A-S1', 'A-P1', {
        foundAt: '2026-03-12T09:00:00+08:00',
        notification: notice('2026-03-12T10:00:00+08:00'),
        rectificationDeadline: '2026-03-30',
        rectification: { completedAt: '2026-03-25T10:00:00+08:00', measures: '更换报警装置' },
        verification: { verifiedAt: '2026-03-26T10:00:00+08:00', verifiedBy: '王工', passed: true },
        status: 'closed',
      }),
    },
    {
      kind: 'hazards',
      key: 'A-HV',
      record: hazardBody('A-HV', 'A-S1', 'A-P1', {
        foundAt: '2026-03-15T10:00:00+08:00',
        voided: true,
        voidReason: '重复录入',
      }),
    },
    {
      kind: 'ledger-entries',
      key: 'A-B1',
      record: ledgerEntryBody('A-B1', { amount: '12000.00' }),
    },
    {
      kind: 'ledger-entries',
      key: 'A-E1',
      record: ledgerEntryBody('A-E1', {
        kind: 'expense',
        amount: '10500.00',
        serviceNo: 'A-S1',
        bookedAt: '2026-03-15',
      }),
    },
    {
      kind: 'ledger-entries',
      key: 'A-E2',
      record: ledgerEntryBody('A-E2', {
        kind: 'expense',
        amount: '1000.00',
        serviceNo: 'A-S2',
        bookedAt: '2026-04-05',
        category: 'training',
      }),
    },
    {
      kind: 'ledger-entries',
      key: 'A-ADJ',
      record: ledgerEntryBody('A-ADJ', {
        kind: 'adjustment',
        amount: '-500.00',
        bookedAt: '2026-06-10',
        category: 'other',
      }),
    },
  ]
}

export function insurerBItems(): Item[] {
  return [
    {
      kind: 'policies',
      key: 'B-P1',
      record: policyBody('B-P1', {
        insured: mineUnit,
        issueDate: '2026-03-01',
        periodStart: '2026-03-01',
        periodEnd: '2027-02-28',
        premium: '60000.00',
        premiumCollected: '60000.00',
        finalRate: '0.0027',
        rateAdjustments: [{ reason: 'standardization', factor: '-0.10' }],
      }),
    },
    {
      kind: 'claims',
      key: 'B-C1',
      record: claimBody('B-C1', 'B-P1', {
        accident: {
          occurredAt: '2026-04-01T09:30:00+08:00',
          regionCode: '450103',
          type: 'roof_fall',
          description: '冒顶片帮',
          seriousInjuries: 1,
        },
        reportedAt: '2026-04-01T10:00:00+08:00',
        status: 'declined',
        declineReason: '不属于保险责任',
        reserve: '10000.00',
      }),
    },
    {
      kind: 'services',
      key: 'B-S1',
      record: typed('B-S1', 'B-P1', {
        type: 'emergency_drill',
        startedAt: '2026-04-10T09:00:00+08:00',
        endedAt: '2026-04-10T11:00:00+08:00',
        cost: '4000.00',
        drill: { scenario: '井下透水，全员撤离', participants: 30 },
      }),
    },
    {
      kind: 'services',
      key: 'B-S2',
      record: typed('B-S2', 'B-P1', {
        type: 'training',
        startedAt: '2026-04-15T09:00:00+08:00',
        endedAt: '2026-04-15T12:00:00+08:00',
        cost: '1000.00',
        training: { topics: ['skills'], participants: 20, hours: 3, followUp: { score: 90 } },
      }),
    },
    {
      kind: 'services',
      key: 'B-S3',
      record: typed('B-S3', 'B-P1', {
        type: 'risk_assessment',
        startedAt: '2026-02-01T09:00:00+08:00',
        endedAt: '2026-02-01T17:00:00+08:00',
        cost: '1500.00',
        riskAssessment: { riskLevel: 'low', basis: '风险评估导则' },
      }),
    },
    {
      kind: 'services',
      key: 'B-S4',
      record: serviceBody('B-S4', 'B-P1', {
        startedAt: '2026-07-01T09:00:00+08:00',
        endedAt: undefined,
        insuredConfirmation: undefined,
        followUp: undefined,
        status: 'planned',
      }),
    },
    {
      kind: 'services',
      key: 'B-S5',
      record: inspection('B-S5', 'B-P1', '2026-03-05T09:00:00+08:00', '5000.00'),
    },
    {
      kind: 'hazards',
      key: 'B-H1',
      record: hazardBody('B-H1', 'B-S5', 'B-P1', {
        criterion: { standard: 'metal_nonmetal_mine', clause: '第四条' },
        foundAt: '2026-03-05T10:00:00+08:00',
        notification: notice('2026-03-05T12:00:00+08:00'),
        rectificationDeadline: '2026-04-01',
        authorityReport: {
          reportedAt: '2026-04-03T10:00:00+08:00',
          department: '南宁市应急管理局',
        },
        status: 'rectifying',
      }),
    },
    {
      kind: 'hazards',
      key: 'B-H2',
      record: hazardBody('B-H2', 'B-S5', 'B-P1', {
        criterion: { standard: 'metal_nonmetal_mine', clause: '第五条' },
        foundAt: '2026-06-14T10:00:00+08:00',
      }),
    },
    {
      kind: 'hazards',
      key: 'B-H3',
      record: hazardBody('B-H3', 'B-S5', 'B-P1', {
        level: 'general',
        criterion: undefined,
        foundAt: '2025-12-20T10:00:00+08:00',
      }),
    },
    {
      kind: 'ledger-entries',
      key: 'B-B1',
      record: ledgerEntryBody('B-B1', { amount: '10000.00' }),
    },
    {
      kind: 'ledger-entries',
      key: 'B-E1',
      record: ledgerEntryBody('B-E1', {
        kind: 'expense',
        amount: '14500.00',
        serviceNo: 'B-S1',
        bookedAt: '2026-04-12',
        category: 'drill',
      }),
    },
    {
      kind: 'ledger-entries',
      key: 'B-E2',
      record: ledgerEntryBody('B-E2', {
        kind: 'expense',
        amount: '500.00',
        serviceNo: 'B-S2',
        bookedAt: '2026-04-16',
        category: 'training',
      }),
    },
  ]
}
