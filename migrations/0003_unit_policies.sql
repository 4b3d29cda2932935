-- Distinct units are no longer recounted by the policy triggers: they append to unit_changes,
-- and the figures folder keeps unit_policies and unit_figures (0004 swaps the triggers).
-- The rows of unit_figures so far are per-statement differences, which the new key refuses;
-- 0004 recounts every unit from the policies.
DELETE FROM "unit_figures";--> statement-breakpoint
CREATE TABLE "unit_changes" (
	"year" integer NOT NULL,
	"credit_code" text NOT NULL,
	"insurer_code" text NOT NULL,
	"region_code" text,
	"industry" text,
	"policies" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_policies" (
	"year" integer NOT NULL,
	"credit_code" text NOT NULL,
	"insurer_code" text NOT NULL,
	"region_code" text,
	"industry" text,
	"policies" integer NOT NULL,
	CONSTRAINT "unit_policies_key" UNIQUE NULLS NOT DISTINCT("year","credit_code","insurer_code","region_code","industry")
);
--> statement-breakpoint
DROP INDEX "unit_figures_view";--> statement-breakpoint
DROP INDEX "unit_figures_unfolded";--> statement-breakpoint
ALTER TABLE "unit_figures" DROP COLUMN "folded";--> statement-breakpoint
ALTER TABLE "unit_figures" ADD CONSTRAINT "unit_figures_key" UNIQUE NULLS NOT DISTINCT("year","scope","group_by","group_key");