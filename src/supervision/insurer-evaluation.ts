import type { Config } from '../config.js'
import type { Database } from '../storage/database.js'
import type { ReadScope } from '../storage/records/search.js'
import { countSubmissions } from '../storage/submission-store.js'
import { countInsurerActivity, countTimeliness } from '../storage/supervision/insurer-evaluation.js'
import { sumPremiumAndSpend } from '../storage/supervision/prevention-spend.js'
import { ratioOf } from './figures.js'
import { isProvinceWide } from './grouping.js'
import { insurerEvaluationRule } from './rules.js'

/**
 * The indicators of the yearly evaluation of each insurer (SPEC §6; the notice's 表扬 or 约谈),
 * within the caller's part of the province.
 */
export async function computeInsurerEvaluation(
  db: Database,
  config: Config,
  request: { year: number; scope: ReadScope },
) {
  const { year, scope } = request
  const provinceWide = isProvinceWide(scope)
  const view = { year, scope, groupBy: 'insurer' as const }

  const spend = await sumPremiumAndSpend(db, view)
  const activity = await countInsurerActivity(db, year, scope)
  const timeliness = await countTimeliness(db, year, scope)
  // Refused writes were never placed anywhere: no region narrows them.
  const submissions = provinceWide ? await countSubmissions(db, year) : []

  const insurers = new Set<string>()
  for (const rows of [spend, activity, timeliness, submissions]) {
    for (const row of rows) {
      const code = 'group_key' in row ? row.group_key : row.insurer_code
      if (code) insurers.add(code)
    }
  }

  return {
    year,
    rule: insurerEvaluationRule(config, provinceWide),
    items: [...insurers].sort().map((insurerCode) => {
      const money = spend.find((row) => row.group_key === insurerCode)
      const done = activity.find((row) => row.insurer_code === insurerCode)
      const timely = timeliness.find((row) => row.insurer_code === insurerCode)
      const writes = submissions.find((row) => row.insurer_code === insurerCode)
      const policies = done?.policies ?? 0
      const services = done?.services ?? 0
      const allWrites = (writes?.accepted ?? 0) + (writes?.rejected ?? 0)

      return {
        insurerCode,
        premiumCollected: money?.premium_collected ?? '0.00',
        spent: money?.spent ?? '0.00',
        spendRatio: money ? ratioOf(money.spent, money.premium_collected) : null,
        policies,
        services,
        servicesPerPolicy: ratioOf(services, policies),
        majorHazards: {
          found: done?.major_hazards ?? 0,
          rectified: done?.major_rectified ?? 0,
          reportedToAuthority: done?.major_reported ?? 0,
        },
        records: timely?.records ?? 0,
        recordsOnTime: timely?.on_time ?? 0,
        onTimeSubmissionRate: ratioOf(timely?.on_time ?? 0, timely?.records ?? 0),
        writesAccepted: provinceWide ? (writes?.accepted ?? 0) : null,
        writesRejected: provinceWide ? (writes?.rejected ?? 0) : null,
        rejectedSubmissionRate: provinceWide ? ratioOf(writes?.rejected ?? 0, allWrites) : null,
      }
    }),
  }
}
