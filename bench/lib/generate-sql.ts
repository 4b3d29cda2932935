/**
 * Set-based SQL that fills the record tables the way the API would have (bench/generate-data.ts):
 * the same typed columns, scope columns copied from the policy, and bodies that follow the
 * schemas of SPEC §4. Every statement takes a range of the generated numbers ($1, $2), so that
 * the generator can report progress and no statement grows without bound.
 *
 * Numbering: policy i belongs to insurer codes[1 + i % 50] and insures unit i % units; service
 * j serves policy k(j) = 1 + (j · 4999) mod N; hazard h was found by hazard-inspection service
 * 7 · (1 + h mod ⌊S/7⌋); an expense pays for service 1 + (e · 7) mod S. A parent is found by
 * its insurer and key, through the unique (insurer_code, key) index, never by id.
 */

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/**
 * GB 32100 check character in SQL for a first 17 made of digits only (a digit's value is
 * itself): Σ value · 3^(i−1) mod 31, written out so that PostgreSQL inlines the function.
 */
export const CREDIT_CODE_FUNCTION = `
create or replace function pg_temp.usc(first17 text) returns text language sql immutable as $$
  select first17 || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', (31 - (
    ${WEIGHTS.map((w, i) => `substr(first17, ${i + 1}, 1)::int * ${w}`).join(' + ')}
  ) % 31) % 31 + 1, 1)
$$`

/** An instant as the API writes it: RFC 3339 in China Standard Time. */
const rfc3339 = (column: string) =>
  `to_char((${column}) at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`

const sha = (body: string) => `encode(sha256(convert_to(${body}::text, 'UTF8')), 'hex')`

/**
 * Parameters: $1, $2 the range of i; $3 insurer codes; $4 county codes; $5 industries;
 * $6 the number of units.
 */
export const INSERT_POLICIES = `
with v as (
  select i,
    ($3::text[])[1 + i % 50] as insurer_code,
    'BP' || lpad(i::text, 9, '0') as key,
    ($4::text[])[1 + (i::bigint * 7919) % cardinality($4::text[])] as region_code,
    ($5::text[])[1 + (i / 3) % cardinality($5::text[])] as industry,
    pg_temp.usc('914501' || lpad((i % $6::int)::text, 11, '0')) as credit_code,
    20 + i % 300 as employees,
    20 + i % 300 - case when i % 40 = 0 then 3 else 0 end as headcount,
    (5000 + (i % 200) * 250)::numeric(14, 2) as premium,
    round((5000 + (i % 200) * 250) * (0.8 + (i % 3) * 0.1), 2) as collected,
    date '2025-01-01' + (i % 730) as issue_date,
    i % 3 = 0 as standardized,
    i % 500 = 0 as voided
  from generate_series($1::int, $2::int) i
), b as (
  select v.*, issue_date + 1 as period_start, issue_date + 365 as period_end,
    case when issue_date + 365 < current_date then 'expired' else 'in_force' end as status,
    timestamptz '2025-01-01 10:00+08' + make_interval(days => i % 730 + i % 12) as received_at
  from v
), r as (
  select b.*, jsonb_build_object(
      'policyNo', key,
      'insured', jsonb_build_object(
        'creditCode', credit_code, 'name', '广西某企业' || credit_code, 'regionCode', region_code,
        'industry', industry, 'principal', jsonb_build_object('name', '张三'),
        'employeeCount', employees, 'standardizationGrade', 'level2'),
      'issueDate', issue_date, 'periodStart', period_start, 'periodEnd', period_end,
      'insuredHeadcount', headcount, 'perPersonLimit', '500000.00',
      'premium', premium::text, 'premiumCollected', collected::text,
      'baseRate', '0.003', 'finalRate', case when standardized then '0.00255' else '0.003' end,
      'rateAdjustments', case when standardized
        then jsonb_build_array(jsonb_build_object('reason', 'standardization', 'factor', '-0.15'))
        else '[]'::jsonb end,
      'commissionRate', '0.03', 'status', status)
    || case when voided then '{"voided": true, "voidReason": "录入错误"}'::jsonb
            else '{}'::jsonb end as body
  from b
)
insert into policies (insurer_code, key, version, sha256, body, flags, voided, status,
  region_code, industry, credit_code, created_at, updated_at, received_by,
  issue_date, period_start, period_end, premium, premium_collected, insured_headcount,
  standardization_factor, commission_rate)
select insurer_code, key, 1, ${sha('body')}, body,
  case when headcount < employees then array['headcount_below_employees'] else '{}' end,
  voided, status, region_code, industry, credit_code, received_at, received_at,
  'bench-generator', issue_date, period_start, period_end, premium, collected, headcount,
  case when standardized then -0.15 end, 0.03
from r order by i`

const serviceTypes = `array['hazard_inspection', 'training', 'emergency_drill', 'standardization',
  'risk_assessment', 'technology', 'other']`

/** Parameters: $1, $2 the range of j; $3 insurer codes; $4 N, the number of policies. */
export const INSERT_SERVICES = `
with v as (
  select j, 1 + (j::bigint * 4999) % $4::int as k,
    (${serviceTypes})[1 + j % 7] as type,
    case j % 20 when 0 then 'planned' when 1 then 'cancelled' when 2 then 'in_progress'
                else 'completed' end as status,
    (500 + (j % 40) * 100)::numeric(14, 2) as cost
  from generate_series($1::int, $2::int) j
), b as (
  select v.*, p.insurer_code, p.key as policy_no, p.region_code, p.industry, p.credit_code,
    ((p.period_start + (j % 300)) + time '09:00') at time zone 'Asia/Shanghai' as started_at
  from v join policies p
    on p.insurer_code = ($3::text[])[1 + k % 50] and p.key = 'BP' || lpad(k::text, 9, '0')
), r as (
  select b.*, 'BS' || lpad(j::text, 9, '0') as key,
    case when status in ('completed', 'cancelled') then started_at + interval '6 hours' end
      as ended_at,
    case when type = 'risk_assessment'
      then (array['high', 'medium', 'low'])[1 + j % 3] end as risk_level
  from b
), s as (
  select r.*, jsonb_strip_nulls(jsonb_build_object(
      'serviceNo', key, 'policyNo', policy_no, 'type', type,
      'provider', jsonb_build_object('kind', 'technical_service_org',
        'name', '广西某安全技术服务有限公司', 'creditCode', '91450100000000001B'),
      'form', 'onsite', 'startedAt', ${rfc3339('started_at')},
      'endedAt', case when ended_at is not null then ${rfc3339('ended_at')} end,
      'measures', '对照判定标准逐项排查', 'cost', cost::text, 'status', status,
      'insuredConfirmation', case when status = 'completed' then jsonb_build_object(
        'name', '张三', 'confirmedAt', ${rfc3339('ended_at')}) end,
      'inspection', case when type = 'hazard_inspection' then jsonb_build_object(
        'scope', '生产区、储存区', 'criteria', jsonb_build_array('industry_trade')) end,
      'training', case when type = 'training' then jsonb_build_object(
        'topics', jsonb_build_array('accident_cases'), 'participants', 10 + j % 90, 'hours', 2,
        'followUp', jsonb_build_object('score', 60 + j % 40)) end,
      'drill', case when type = 'emergency_drill' then jsonb_build_object(
        'scenario', '火灾疏散', 'participants', 20 + j % 200) end,
      'standardization', case when type = 'standardization' then jsonb_build_object(
        'targetGrade', 'level2') end,
      'riskAssessment', case when type = 'risk_assessment' then jsonb_build_object(
        'riskLevel', risk_level, 'basis', '风险分级管控评估') end)) as body
  from r
)
insert into services (insurer_code, key, version, sha256, body, flags, voided, status,
  region_code, industry, credit_code, created_at, updated_at, received_by,
  policy_no, type, started_at, ended_at, cost, risk_level)
select insurer_code, key, 1, ${sha('body')}, body, '{}', false, status,
  region_code, industry, credit_code, started_at + interval '2 days',
  started_at + interval '2 days', 'bench-generator', policy_no, type, started_at, ended_at, cost,
  risk_level
from s order by j`

/** The service of number j as a join target: its insurer and key. */
const serviceJoin = (j: string) => `
  s.insurer_code = ($3::text[])[1 + (1 + ((${j})::bigint * 4999) % $4::int) % 50]
  and s.key = 'BS' || lpad((${j})::text, 9, '0')`

const hazardStatuses = `array['found', 'notified', 'rectifying', 'rectified', 'closed']`

/** Parameters: $1, $2 the range of h; $3 insurer codes; $4 N; $5 S, the number of services. */
export const INSERT_HAZARDS = `
with v as (
  select h, 7 * (1 + h % ($5::int / 7)) as j,
    case when h % 4 = 0 then 'major' else 'general' end as level,
    (${hazardStatuses})[1 + h % 5] as status
  from generate_series($1::int, $2::int) h
), b as (
  select v.*, s.insurer_code, s.key as service_no, s.policy_no, s.region_code, s.industry,
    s.credit_code, s.started_at + make_interval(hours => h % 6) as found_at
  from v join services s on ${serviceJoin('v.j')}
), r as (
  select b.*, 'BH' || lpad(h::text, 9, '0') as key,
    case when status <> 'found'
      then found_at + make_interval(hours => case when h % 7 = 0 then 30 else 3 end) end
      as notified_at,
    case when status <> 'found'
      then (found_at at time zone 'Asia/Shanghai')::date + 30 end as deadline
  from b
), t as (
  select r.*,
    case when status in ('notified', 'rectifying') and h % 3 = 0
      then ((deadline + 2) + time '10:00') at time zone 'Asia/Shanghai' end as reported_at
  from r
), u as (
  select t.*, jsonb_strip_nulls(jsonb_build_object(
      'hazardNo', key, 'serviceNo', service_no, 'policyNo', policy_no, 'level', level,
      'criterion', case when level = 'major' then jsonb_build_object(
        'standard', 'industry_trade', 'clause', '第三条') end,
      'description', '安全设施缺失', 'foundAt', ${rfc3339('found_at')}, 'status', status,
      'notification', case when notified_at is not null then jsonb_build_object(
        'notifiedAt', ${rfc3339('notified_at')}, 'recipientRole', 'principal',
        'recipientName', '张三', 'channel', 'written') end,
      'rectificationDeadline', deadline,
      'rectification', case when status in ('rectified', 'closed') then jsonb_build_object(
        'completedAt', ${rfc3339("found_at + interval '20 days'")}, 'measures', '已整改') end,
      'verification', case when status = 'closed' then jsonb_build_object(
        'verifiedAt', ${rfc3339("found_at + interval '21 days'")}, 'verifiedBy', '王工',
        'passed', true) end,
      'authorityReport', case when reported_at is not null then jsonb_build_object(
        'reportedAt', ${rfc3339('reported_at')}, 'department', '应急管理局') end)) as body
  from t
)
insert into hazards (insurer_code, key, version, sha256, body, flags, voided, status,
  region_code, industry, credit_code, created_at, updated_at, received_by,
  policy_no, service_no, level, found_at, notified_at, rectification_deadline,
  authority_reported_at)
select insurer_code, key, 1, ${sha('body')}, body,
  case when level = 'major' and notified_at > found_at + interval '24 hours'
    then array['notified_late'] else '{}' end,
  false, status, region_code, industry, credit_code, found_at + interval '1 day',
  found_at + interval '1 day', 'bench-generator', policy_no, service_no, level, found_at,
  notified_at, deadline, reported_at
from u order by h`

/** Parameters: $1, $2 the range of e; $3 insurer codes; $4 N; $5 S. */
export const INSERT_EXPENSES = `
with v as (
  select e, 1 + (e::bigint * 7) % $5::int as j
  from generate_series($1::int, $2::int) e
  where e > 100 and e % 25 <> 0
), b as (
  select v.*, s.insurer_code, s.key as service_no, s.region_code, s.industry, s.credit_code,
    s.cost as amount, (s.started_at at time zone 'Asia/Shanghai')::date + 3 as booked_at
  from v join services s on ${serviceJoin('v.j')}
), r as (
  select b.*, 'BL' || lpad(e::text, 9, '0') as key, jsonb_build_object(
      'entryNo', 'BL' || lpad(e::text, 9, '0'), 'year', extract(year from booked_at)::int,
      'kind', 'expense', 'amount', amount::text, 'serviceNo', service_no,
      'bookedAt', booked_at, 'voucherNo', 'PZ-' || e, 'category', 'inspection',
      'description', '事故预防服务费用') as body
  from b
)
insert into ledger_entries (insurer_code, key, version, sha256, body, flags, voided, status,
  region_code, industry, credit_code, created_at, updated_at, received_by,
  year, entry_kind, amount, service_no, booked_at)
select insurer_code, key, 1, ${sha('body')}, body, '{}', false, null, region_code, industry,
  credit_code, (booked_at + time '12:00') at time zone 'Asia/Shanghai',
  (booked_at + time '12:00') at time zone 'Asia/Shanghai', 'bench-generator',
  extract(year from booked_at)::int, 'expense', amount, service_no, booked_at
from r order by e`

/**
 * Budgets (the first 100 numbers: each insurer, 2025 and 2026) and adjustments (every 25th),
 * which pay for no service and so have no region. Parameters: $1, $2 the range; $3 codes.
 */
export const INSERT_BUDGETS_AND_ADJUSTMENTS = `
with v as (
  select e, case when e <= 100 then 'budget' else 'adjustment' end as entry_kind,
    case when e <= 100 then ($3::text[])[1 + (e - 1) % 50] else ($3::text[])[1 + e % 50] end
      as insurer_code,
    case when e <= 100 then make_date(2025 + (e - 1) / 50, 1, 10)
         else date '2025-03-01' + e % 600 end as booked_at,
    case when e <= 100 then 2000000.00 else -1000.00 end::numeric(14, 2) as amount
  from generate_series($1::int, $2::int) e
  where e <= 100 or e % 25 = 0
), r as (
  select v.*, 'BL' || lpad(e::text, 9, '0') as key, jsonb_build_object(
      'entryNo', 'BL' || lpad(e::text, 9, '0'), 'year', extract(year from booked_at)::int,
      'kind', entry_kind, 'amount', amount::text, 'bookedAt', booked_at,
      'voucherNo', 'PZ-' || e, 'description', '事故预防专项预算或调整') as body
  from v
)
insert into ledger_entries (insurer_code, key, version, sha256, body, flags, voided, status,
  region_code, industry, credit_code, created_at, updated_at, received_by,
  year, entry_kind, amount, service_no, booked_at)
select insurer_code, key, 1, ${sha('body')}, body, '{}', false, null, null, null, null,
  (booked_at + time '12:00') at time zone 'Asia/Shanghai',
  (booked_at + time '12:00') at time zone 'Asia/Shanghai', 'bench-generator',
  extract(year from booked_at)::int, entry_kind, amount, null, booked_at
from r order by e`

const claimStatuses = `array['reported', 'registered', 'paid', 'declined']`

/** Parameters: $1, $2 the range of c; $3 insurer codes; $4 N. */
export const INSERT_CLAIMS = `
with v as (
  select c, 1 + (c::bigint * 19) % $4::int as k, (${claimStatuses})[1 + c % 4] as status,
    case when c % 50 = 0 then 1 else 0 end as deaths, c % 3 as injuries,
    (20000 + (c % 10) * 1000)::numeric(14, 2) as reserve
  from generate_series($1::int, $2::int) c
), b as (
  select v.*, p.insurer_code, p.key as policy_no, p.region_code, p.industry, p.credit_code,
    ((p.period_start + c % 200) + time '09:30') at time zone 'Asia/Shanghai' as occurred_at
  from v join policies p
    on p.insurer_code = ($3::text[])[1 + k % 50] and p.key = 'BP' || lpad(k::text, 9, '0')
), r as (
  select b.*, 'BC' || lpad(c::text, 9, '0') as key,
    case when status = 'paid' then reserve - 2000 end as paid_amount
  from b
), s as (
  select r.*, jsonb_strip_nulls(jsonb_build_object(
      'claimNo', key, 'policyNo', policy_no,
      'accident', jsonb_build_object('occurredAt', ${rfc3339('occurred_at')},
        'regionCode', region_code, 'type', 'machinery', 'description', '机械伤害',
        'deaths', deaths, 'seriousInjuries', injuries),
      'reportedAt', ${rfc3339("occurred_at + interval '1 hour'")}, 'status', status,
      'reserve', reserve::text, 'paidAmount', paid_amount::text,
      'paidAt', case when status = 'paid' then ${rfc3339("occurred_at + interval '30 days'")} end,
      'declineReason', case when status = 'declined' then '不属于保险责任' end)) as body
  from r
)
insert into claims (insurer_code, key, version, sha256, body, flags, voided, status,
  region_code, industry, credit_code, created_at, updated_at, received_by,
  policy_no, occurred_at, grade, deaths, injuries, reserve, paid_amount)
select insurer_code, key, 1, ${sha('body')}, body, '{}', false, status, region_code, industry,
  credit_code, occurred_at + interval '1 day', occurred_at + interval '1 day', 'bench-generator',
  policy_no, occurred_at, 'general', deaths, injuries, reserve, paid_amount
from s order by c`

/**
 * The registry: every 7th unit, and a twentieth as many units that hold no policy at all.
 * Parameters: $1, $2 the range of r; $3 county codes; $4 industries; $5 the number of units.
 */
export const INSERT_REGISTRY = `
insert into registry_enterprises (credit_code, name, region_code, industry)
select pg_temp.usc('914501' || lpad(u::text, 11, '0')), '广西某企业' || u,
  ($3::text[])[1 + (u * 31) % cardinality($3::text[])],
  ($4::text[])[1 + u % cardinality($4::text[])]
from (
  select case when r % 20 = 0 then $5::int + r else (r * 7) % $5::int end as u
  from generate_series($1::int, $2::int) r
) units
on conflict (credit_code) do nothing`
