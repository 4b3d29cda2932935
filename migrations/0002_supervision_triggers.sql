-- Keeps policy_figures, service_figures and unit_changes (src/storage/tables/figures.ts) in step
-- with the record tables. Statement triggers see every row a statement wrote, old and new, in
-- transition tables; each trigger appends the difference it makes to the totals, and to the
-- live policies of each insured unit, from which the folder counts distinct units.
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

-- The live policies a statement added to or removed from each insured unit, year and cell.
-- Only appended; the figures folder turns them into distinct units
-- (src/storage/supervision/unit-figures.ts).
CREATE FUNCTION azx_unit_changes_sql(changes text) RETURNS text
  LANGUAGE sql IMMUTABLE
  RETURN format($units$
    insert into unit_changes (year, credit_code, insurer_code, region_code, industry, policies)
    select extract(year from c.issue_date)::int, c.credit_code, c.insurer_code, c.region_code,
           c.industry, sum(c.sign)
    from (%s) c
    where not c.voided and c.credit_code is not null
    group by 1, 2, 3, 4, 5
    having sum(c.sign) <> 0
  $units$, changes);
--> statement-breakpoint

-- Makes the trigger of a table for one operation, its function written out from `statements`.
-- PL/pgSQL plans the static statements of a function once per connection and keeps the plans,
-- where EXECUTE would plan them at every write (measured: 0.5 ms of database time per written
-- statement, against 0.1). A migration that changes a figure redefines its builder above and
-- calls this again.
CREATE FUNCTION azx_write_figures_trigger(record_table text, operation text, statements text[])
  RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  event text := lower(operation) || CASE operation WHEN 'INSERT' THEN 'ed' ELSE 'd' END;
  transitions text := CASE operation
    WHEN 'INSERT' THEN 'NEW TABLE AS new_rows'
    WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
    ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows'
  END;
BEGIN
  EXECUTE format('CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS %L',
    'azx_' || record_table || '_' || event,
    'BEGIN ' || array_to_string(statements, '; ') || '; RETURN NULL; END');
  EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER %s ON %I REFERENCING %s '
                 'FOR EACH STATEMENT EXECUTE FUNCTION %I()',
    record_table || '_' || event, operation, record_table, transitions,
    'azx_' || record_table || '_' || event);
END
$$;
--> statement-breakpoint

DO $$
DECLARE
  operation text;
BEGIN
  FOREACH operation IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
    PERFORM azx_write_figures_trigger('policies', operation, ARRAY[
      azx_policy_figures_sql(azx_signed_changes(operation)),
      azx_unit_changes_sql(azx_signed_changes(operation))]);
    PERFORM azx_write_figures_trigger('services', operation, ARRAY[
      azx_service_figures_sql(azx_signed_changes(operation))]);
  END LOOP;
END
$$;
--> statement-breakpoint

-- Records stored before this migration.
DO $$
BEGIN
  EXECUTE azx_policy_figures_sql('select 1 as sign, * from policies');
  EXECUTE azx_service_figures_sql('select 1 as sign, * from services');
  EXECUTE azx_unit_changes_sql('select 1 as sign, * from policies');
END
$$;
