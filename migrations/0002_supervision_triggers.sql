-- Keeps policy_figures, service_figures and unit_figures (src/storage/tables/figures.ts) in step
-- with the record tables. Statement triggers see every row a statement wrote, old and new, in
-- transition tables; each trigger appends the difference it makes to the totals. Every figure is
-- a sum except distinct units, which are recounted for the units a statement touched.
--
-- The statements are built by functions taking the text of the query that yields the changed
-- rows, so that the triggers and the backfill at the end share one definition of each figure.

-- The calendar day of an instant in China Standard Time (src/storage/supervision/view-sql.ts).
CREATE FUNCTION azx_china_date(instant timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (instant AT TIME ZONE 'UTC' + interval '8 hours')::date;
--> statement-breakpoint

-- SUBMISSION_DAYS and MAX_COMMISSION_RATE of src/supervision/rules.ts; a test keeps them equal.
CREATE FUNCTION azx_submission_days() RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN 7;
--> statement-breakpoint
CREATE FUNCTION azx_max_commission_rate() RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN 0.05;
--> statement-breakpoint

-- The rows a statement changed, signed: +1 for what it wrote, -1 for what it replaced.
CREATE FUNCTION azx_signed_changes(operation text) RETURNS text
  LANGUAGE sql IMMUTABLE
  RETURN CASE operation
    WHEN 'INSERT' THEN 'select 1 as sign, * from new_rows'
    WHEN 'DELETE' THEN 'select -1 as sign, * from old_rows'
    ELSE 'select -1 as sign, * from old_rows union all select 1, * from new_rows'
  END;
--> statement-breakpoint

CREATE FUNCTION azx_policy_figures_sql(changes text) RETURNS text
  LANGUAGE sql IMMUTABLE
  RETURN format($figures$
    insert into policy_figures (year, insurer_code, region_code, industry, policies, on_time,
      insured_headcount, premium, premium_collected, headcount_below_employees,
      limit_below_minimum, late_renewal, commission_above_maximum, discounts,
      discount_factor_sum)
    select extract(year from c.issue_date)::int, c.insurer_code, c.region_code, c.industry,
           sum(c.sign),
           coalesce(sum(c.sign) filter (
             where azx_china_date(c.created_at) - c.issue_date <= azx_submission_days()), 0),
           sum(c.sign * c.insured_headcount),
           sum(c.sign * c.premium),
           sum(c.sign * c.premium_collected),
           coalesce(sum(c.sign) filter (where 'headcount_below_employees' = any(c.flags)), 0),
           coalesce(sum(c.sign) filter (where 'limit_below_minimum' = any(c.flags)), 0),
           coalesce(sum(c.sign) filter (where 'late_renewal' = any(c.flags)), 0),
           coalesce(sum(c.sign) filter (
             where c.commission_rate > azx_max_commission_rate()), 0),
           coalesce(sum(c.sign) filter (where c.standardization_factor < 0), 0),
           coalesce(sum(c.sign * c.standardization_factor)
             filter (where c.standardization_factor < 0), 0)
    from (%s) c
    where not c.voided
    group by 1, 2, 3, 4
  $figures$, changes);
--> statement-breakpoint

CREATE FUNCTION azx_service_figures_sql(changes text) RETURNS text
  LANGUAGE sql IMMUTABLE
  RETURN format($figures$
    insert into service_figures (year, insurer_code, region_code, industry, type, records,
      on_time, delivered, delivered_cost, participants, follow_ups, follow_up_score_sum)
    select extract(year from azx_china_date(c.started_at))::int, c.insurer_code, c.region_code,
           c.industry, c.type,
           sum(c.sign),
           coalesce(sum(c.sign) filter (where azx_china_date(c.created_at)
             - azx_china_date(c.started_at) <= azx_submission_days()), 0),
           coalesce(sum(c.sign) filter (where c.delivered), 0),
           coalesce(sum(c.sign * c.cost) filter (where c.delivered), 0),
           coalesce(sum(c.sign * c.participants) filter (where c.delivered), 0),
           coalesce(sum(c.sign) filter (where c.delivered and c.score is not null), 0),
           coalesce(sum(c.sign * c.score) filter (where c.delivered), 0)
    from (
      select s.*, s.status in ('in_progress', 'completed') as delivered,
             case s.type
               when 'training' then (s.body #>> '{training,participants}')::bigint
               when 'emergency_drill' then (s.body #>> '{drill,participants}')::bigint
             end as participants,
             case s.type
               when 'training' then (s.body #>> '{training,followUp,score}')::numeric
             end as score
      from (%s) s
    ) c
    where not c.voided
    group by 1, 2, 3, 4, 5
  $figures$, changes);
--> statement-breakpoint

-- Writers of the same units wait for each other from here to commit: each recounts a unit from
-- the policies committed before it, so two must not count the same unit at once. Units share
-- 256 locks, taken in order so that two writers never wait on each other in a circle.
CREATE FUNCTION azx_lock_units_sql(changes text) RETURNS text
  LANGUAGE sql IMMUTABLE
  RETURN format($lock$
    select count(pg_advisory_xact_lock(734022, bucket))
    from (select distinct hashtext(c.credit_code) & 255 as bucket
          from (%s) c where c.credit_code is not null
          order by 1) buckets
  $lock$, changes);
--> statement-breakpoint

-- For every unit and year a statement touched: the (scope, grouping) pairs the unit counts in
-- now, less those it counted in before the statement (now, without the rows the statement wrote,
-- with the rows it replaced).
CREATE FUNCTION azx_unit_figures_sql(changes text, written text, replaced text) RETURNS text
  LANGUAGE sql IMMUTABLE
  RETURN format($units$
    with units as (
      select distinct extract(year from c.issue_date)::int as year, c.credit_code
      from (%1$s) c
      where c.credit_code is not null
    ),
    live as (
      select p.id, u.year, u.credit_code, p.insurer_code, p.region_code, p.industry
      from units u
      join policies p on p.credit_code = u.credit_code
        and p.issue_date >= make_date(u.year, 1, 1) and p.issue_date < make_date(u.year + 1, 1, 1)
      where not p.voided
    ),
    sides as (
      select 1 as side, l.year, l.credit_code, l.insurer_code, l.region_code, l.industry
      from live l
      union all
      select -1, l.year, l.credit_code, l.insurer_code, l.region_code, l.industry
      from live l
      where not exists (select from (%2$s) w where w.id = l.id)
      union all
      select -1, u.year, u.credit_code, r.insurer_code, r.region_code, r.industry
      from (%3$s) r
      join units u on u.credit_code = r.credit_code
        and u.year = extract(year from r.issue_date)::int
      where not r.voided
    ),
    memberships as (
      select distinct s.side, s.year, s.credit_code, scopes.scope, g.group_by, g.group_key
      from sides s
      cross join lateral (values (''), (left(s.region_code, 4)), (s.region_code)) scopes(scope)
      cross join lateral (values ('insurer', s.insurer_code),
                                 ('region', left(s.region_code, 4) || '00'),
                                 ('industry', s.industry)) g(group_by, group_key)
      where scopes.scope is not null
    )
    insert into unit_figures (year, scope, group_by, group_key, units)
    select year, scope, group_by, group_key, sum(side)
    from memberships
    group by 1, 2, 3, 4
    having sum(side) <> 0
  $units$, changes, written, replaced);
--> statement-breakpoint

CREATE FUNCTION azx_policies_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  changes text := azx_signed_changes(tg_op);
BEGIN
  EXECUTE azx_policy_figures_sql(changes);
  EXECUTE azx_lock_units_sql(changes);
  EXECUTE azx_unit_figures_sql(
    changes,
    CASE WHEN tg_op = 'DELETE' THEN 'select null::bigint as id where false'
         ELSE 'select id from new_rows' END,
    CASE WHEN tg_op = 'INSERT' THEN 'select * from policies where false'
         ELSE 'select * from old_rows' END);
  RETURN NULL;
END
$$;
--> statement-breakpoint

CREATE FUNCTION azx_services_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE azx_service_figures_sql(azx_signed_changes(tg_op));
  RETURN NULL;
END
$$;
--> statement-breakpoint

CREATE TRIGGER policies_inserted AFTER INSERT ON policies
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION azx_policies_changed();
--> statement-breakpoint
CREATE TRIGGER policies_updated AFTER UPDATE ON policies
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION azx_policies_changed();
--> statement-breakpoint
CREATE TRIGGER policies_deleted AFTER DELETE ON policies
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION azx_policies_changed();
--> statement-breakpoint
CREATE TRIGGER services_inserted AFTER INSERT ON services
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION azx_services_changed();
--> statement-breakpoint
CREATE TRIGGER services_updated AFTER UPDATE ON services
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION azx_services_changed();
--> statement-breakpoint
CREATE TRIGGER services_deleted AFTER DELETE ON services
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION azx_services_changed();
--> statement-breakpoint

-- Records stored before this migration.
DO $$
BEGIN
  EXECUTE azx_policy_figures_sql('select 1 as sign, * from policies');
  EXECUTE azx_service_figures_sql('select 1 as sign, * from services');
  EXECUTE azx_unit_figures_sql(
    'select 1 as sign, * from policies',
    'select id from policies',
    'select * from policies where false');
END
$$;
