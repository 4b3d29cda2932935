import type { Config } from '../config.js'

/**
 * What each supervision answer says it applied (SPEC §6: "each answer states the rule"): a
 * stable code, the basis in the regulator's words and in English, and the thresholds in force.
 */
export interface ViewRule {
  code: string
  basis: string
  thresholds: Record<string, string | number | boolean>
}

/** Spending at 18% of premium collected is close enough to the cap to watch. */
export const NEAR_CAP_RATIO = '0.18'

/**
 * A record counts as submitted on time when the platform first receives it within this many
 * calendar days (China Standard Time) of its business date.
 */
export const SUBMISSION_DAYS = 7

/** National measures, art. 14: commission above 5% is not allowed. */
export const MAX_COMMISSION_RATE = '0.05'

export function preventionSpendRule(config: Config, budgetVisible: boolean): ViewRule {
  return {
    code: 'prevention_spend_cap',
    basis:
      '事故预防服务费用不超过实收保费的规定比例，专款专用、专门台账（应急〔2025〕27号）。' +
      'Prevention spending (ledger expenses and adjustments booked in the year) over premium ' +
      'collected on the policies issued in the year; an expense must pay for a live service.' +
      (budgetVisible
        ? ''
        : ' Budgets carry no region and are shown province-wide by insurer only.'),
    thresholds: {
      capRatio: config.preventionCapRatio,
      nearCapRatio: NEAR_CAP_RATIO,
      minRatio: config.preventionMinRatio,
    },
  }
}

export function hazardLoopRule(config: Config, today: string): ViewRule {
  return {
    code: 'major_hazard_closed_loop',
    basis:
      '重大事故隐患闭环管理：告知主要负责人或实际控制人、跟踪整改、逾期未整改的报告负有监管职责的部门。' +
      'Hazards found in the year; overdue: the rectification deadline passed without ' +
      'rectification; overdue-unreported: still no authority report once the grace days after ' +
      'the deadline have passed; notified late: a major hazard notified (or still not notified) ' +
      'more than the notify hours after it was found. Rectification rate: rectified and closed ' +
      `over found. Evaluated on ${today}.`,
    thresholds: {
      hazardNotifyHours: config.hazardNotifyHours,
      hazardReportGraceDays: config.hazardReportGraceDays,
      today,
    },
  }
}

export function overviewRule(config: Config, today: string): ViewRule {
  return {
    code: 'supervision_overview',
    basis:
      '安责险承保、理赔与事故预防服务总览。Policies by issue date in the year (in force: ' +
      `status in_force and period covering ${today}); claims by accident date; services that ` +
      'took place (in progress or completed) by start date; risk classes from the latest ' +
      'completed risk assessment of each unit by each insurer started before the year ended; ' +
      'loss ratio: claims paid plus reserves of open claims over premium.',
    thresholds: {
      minPerPersonLimit: config.minPerPersonLimit,
      maxCommissionRate: MAX_COMMISSION_RATE,
      today,
    },
  }
}

export function coverageRule(on: string): ViewRule {
  return {
    code: 'mandatory_coverage',
    basis:
      '高危行业领域应保尽保。Units of the enterprise registry with no policy of any insurer in ' +
      `force on ${on}: not voided, the day inside its period, not terminated before it.`,
    thresholds: { on },
  }
}

export function insurerEvaluationRule(config: Config, provinceWide: boolean): ViewRule {
  return {
    code: 'insurer_evaluation',
    basis:
      '承保机构年度评估指标（表扬或约谈）。Spend ratio as in prevention-spend; services per ' +
      'policy issued; major hazards found in the year, rectified (or closed) and reported to an ' +
      `authority; on-time rate: records first received within ${SUBMISSION_DAYS} days of their ` +
      'business date (policy issue date, claim report, service start, hazard found, ledger ' +
      'booking) over all such records of the year; rejected rate: rejected record writes over ' +
      'all record writes received in the year.' +
      (provinceWide ? '' : ' Rejected writes carry no region and are shown province-wide only.'),
    thresholds: {
      capRatio: config.preventionCapRatio,
      submissionDays: SUBMISSION_DAYS,
    },
  }
}
