CREATE TABLE "policy_figures" (
	"year" integer NOT NULL,
	"insurer_code" text NOT NULL,
	"region_code" text,
	"industry" text,
	"policies" integer NOT NULL,
	"on_time" integer NOT NULL,
	"insured_headcount" bigint NOT NULL,
	"premium" numeric NOT NULL,
	"premium_collected" numeric NOT NULL,
	"headcount_below_employees" integer NOT NULL,
	"limit_below_minimum" integer NOT NULL,
	"late_renewal" integer NOT NULL,
	"commission_above_maximum" integer NOT NULL,
	"discounts" integer NOT NULL,
	"discount_factor_sum" numeric NOT NULL,
	"folded" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_figures" (
	"year" integer NOT NULL,
	"insurer_code" text NOT NULL,
	"region_code" text,
	"industry" text,
	"type" text NOT NULL,
	"records" integer NOT NULL,
	"on_time" integer NOT NULL,
	"delivered" integer NOT NULL,
	"delivered_cost" numeric NOT NULL,
	"participants" bigint NOT NULL,
	"follow_ups" integer NOT NULL,
	"follow_up_score_sum" numeric NOT NULL,
	"folded" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_figures" (
	"year" integer NOT NULL,
	"scope" text NOT NULL,
	"group_by" text NOT NULL,
	"group_key" text,
	"units" integer NOT NULL,
	"folded" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
DROP INDEX "policies_supervision";--> statement-breakpoint
DROP INDEX "services_supervision";--> statement-breakpoint
CREATE INDEX "policy_figures_cell" ON "policy_figures" USING btree ("year","insurer_code","region_code");--> statement-breakpoint
CREATE INDEX "policy_figures_unfolded" ON "policy_figures" USING btree ("year") WHERE not "policy_figures"."folded";--> statement-breakpoint
CREATE INDEX "service_figures_cell" ON "service_figures" USING btree ("year","insurer_code","region_code");--> statement-breakpoint
CREATE INDEX "service_figures_unfolded" ON "service_figures" USING btree ("year") WHERE not "service_figures"."folded";--> statement-breakpoint
CREATE INDEX "unit_figures_view" ON "unit_figures" USING btree ("year","scope","group_by");--> statement-breakpoint
CREATE INDEX "unit_figures_unfolded" ON "unit_figures" USING btree ("year") WHERE not "unit_figures"."folded";--> statement-breakpoint
CREATE INDEX "policies_in_force" ON "policies" USING btree ("issue_date","insurer_code","region_code","industry","period_start","period_end") WHERE "policies"."status" = 'in_force' and not "policies"."voided";--> statement-breakpoint
CREATE INDEX "policies_terminated" ON "policies" USING btree ("credit_code","period_end","period_start") WHERE "policies"."status" = 'terminated' and not "policies"."voided";--> statement-breakpoint
CREATE INDEX "services_risk_classes" ON "services" USING btree ("insurer_code","credit_code",coalesce("ended_at", "started_at") desc,"id" DESC NULLS LAST,"started_at","region_code","industry","risk_level","ended_at") WHERE "services"."type" = 'risk_assessment' and "services"."status" = 'completed' and not "services"."voided";