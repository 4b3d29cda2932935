import { sql } from 'drizzle-orm'
import type { ViewRequest } from '../../supervision/grouping.js'
import { type Database, queryRows } from '../database.js'
import { cellInScope, groupKey, inScope, money } from './view-sql.js'

export interface ServiceTypeRow {
  group_key: string | null
  type: string
  services: number
  cost: string
}

/**
 * Services started in the year that took place (planned ones have not yet, cancelled ones never
 * will), by type, with their cost; from service_figures.
 */
export async function sumServicesByType(
  db: Database,
  view: ViewRequest,
): Promise<ServiceTypeRow[]> {
  const { year, groupBy, scope } = view
  return queryRows<ServiceTypeRow>(
    db,
    sql`select ${groupKey('f', groupBy)} as group_key, f.type,
               sum(f.delivered)::int as services, ${money(sql`sum(f.delivered_cost)`)} as cost
        from service_figures f
        where f.year = ${year} and ${cellInScope('f', scope)}
        group by 1, 2
        having sum(f.delivered) > 0
        order by 1 nulls last, 2`,
  )
}

export interface TrainingRow {
  group_key: string | null
  training_participants: number
  follow_up_score: string | null
  follow_ups: number
  drills: number
  drill_participants: number
}

/**
 * Training reach and its evaluated effect (培训效果跟踪反馈评估), and emergency drills, from the
 * services started in the year that took place.
 */
export async function sumTrainingAndDrills(
  db: Database,
  view: ViewRequest,
): Promise<TrainingRow[]> {
  const { year, groupBy, scope } = view
  const training = sql`f.type = 'training'`
  const drill = sql`f.type = 'emergency_drill'`

  return queryRows<TrainingRow>(
    db,
    sql`select ${groupKey('f', groupBy)} as group_key,
               coalesce(sum(f.participants) filter (where ${training}), 0)::int
                 as training_participants,
               round(sum(f.follow_up_score_sum) filter (where ${training})
                 / nullif(sum(f.follow_ups) filter (where ${training}), 0), 2)::text
                 as follow_up_score,
               coalesce(sum(f.follow_ups) filter (where ${training}), 0)::int as follow_ups,
               coalesce(sum(f.delivered) filter (where ${drill}), 0)::int as drills,
               coalesce(sum(f.participants) filter (where ${drill}), 0)::int as drill_participants
        from service_figures f
        where f.year = ${year} and ${cellInScope('f', scope)}
          and f.type in ('training', 'emergency_drill')
        group by 1
        having sum(f.delivered) > 0
        order by 1 nulls last`,
  )
}

export interface RiskClassRow {
  group_key: string | null
  risk_level: string
  units: number
}

/**
 * Units by risk class: for each insured unit and insurer, the latest completed risk
 * assessment started before the year ended is the unit's class for that insurer (SPEC §4.3).
 * Read in the order of the index `services_risk_classes` (hence `nulls last`: ids are never null).
 */
export async function countRiskClasses(db: Database, view: ViewRequest): Promise<RiskClassRow[]> {
  const { year, groupBy, scope } = view
  return queryRows<RiskClassRow>(
    db,
    sql`select group_key, risk_level, count(*)::int as units
        from (
          select distinct on (s.insurer_code, s.credit_code)
                 ${groupKey('s', groupBy)} as group_key,
                 s.risk_level
          from services s
          where ${inScope('s', scope)} and s.type = 'risk_assessment'
            and s.status = 'completed'
            and s.started_at < ${`${year + 1}-01-01T00:00:00+08:00`}::timestamptz
          order by s.insurer_code, s.credit_code,
                   coalesce(s.ended_at, s.started_at) desc, s.id desc nulls last
        ) latest
        group by 1, 2
        order by 1 nulls last, 2`,
  )
}
