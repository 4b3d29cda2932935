CREATE TABLE "clients" (
	"client_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"insurer_code" text,
	"region_code" text,
	"jwks" jsonb NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_code_allowlist" (
	"credit_code" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"private_jwk" jsonb NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "used_assertions" (
	"client_id" text NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "used_assertions_client_id_jti_pk" PRIMARY KEY("client_id","jti")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"client_id" text NOT NULL,
	"request_id" text NOT NULL,
	"insurer_code" text NOT NULL,
	"region_code" text,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"version" integer,
	"sha256" text NOT NULL,
	"outcome" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seq" bigint,
	"prev_hash" text,
	"hash" text,
	CONSTRAINT "audit_log_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"client_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"state" text NOT NULL,
	"locked_until" timestamp with time zone NOT NULL,
	"response_status" integer,
	"response_headers" jsonb,
	"response_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_client_id_key_pk" PRIMARY KEY("client_id","key")
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"receipt_id" uuid PRIMARY KEY NOT NULL,
	"insurer_code" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"version" integer,
	"sha256" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_versions" (
	"kind" text NOT NULL,
	"insurer_code" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"sha256" text NOT NULL,
	"body" jsonb NOT NULL,
	"flags" text[] DEFAULT '{}' NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	"receipt_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"received_by" text NOT NULL,
	CONSTRAINT "record_versions_kind_insurer_code_key_version_pk" PRIMARY KEY("kind","insurer_code","key","version")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"insurer_code" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"sha256" text NOT NULL,
	"body" jsonb NOT NULL,
	"flags" text[] DEFAULT '{}' NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	"status" text,
	"region_code" text,
	"industry" text,
	"credit_code" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"received_by" text NOT NULL,
	"policy_no" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"grade" text NOT NULL,
	"deaths" integer NOT NULL,
	"injuries" integer NOT NULL,
	"reserve" numeric,
	"paid_amount" numeric
);
--> statement-breakpoint
CREATE TABLE "hazards" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"insurer_code" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"sha256" text NOT NULL,
	"body" jsonb NOT NULL,
	"flags" text[] DEFAULT '{}' NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	"status" text,
	"region_code" text,
	"industry" text,
	"credit_code" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"received_by" text NOT NULL,
	"policy_no" text NOT NULL,
	"service_no" text NOT NULL,
	"level" text NOT NULL,
	"found_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	"rectification_deadline" date,
	"authority_reported_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"insurer_code" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"sha256" text NOT NULL,
	"body" jsonb NOT NULL,
	"flags" text[] DEFAULT '{}' NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	"status" text,
	"region_code" text,
	"industry" text,
	"credit_code" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"received_by" text NOT NULL,
	"year" integer NOT NULL,
	"entry_kind" text NOT NULL,
	"amount" numeric NOT NULL,
	"service_no" text,
	"booked_at" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"insurer_code" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"sha256" text NOT NULL,
	"body" jsonb NOT NULL,
	"flags" text[] DEFAULT '{}' NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	"status" text,
	"region_code" text,
	"industry" text,
	"credit_code" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"received_by" text NOT NULL,
	"issue_date" date NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"premium" numeric NOT NULL,
	"premium_collected" numeric NOT NULL,
	"insured_headcount" integer NOT NULL,
	"standardization_factor" numeric,
	"commission_rate" numeric
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"insurer_code" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"sha256" text NOT NULL,
	"body" jsonb NOT NULL,
	"flags" text[] DEFAULT '{}' NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	"status" text,
	"region_code" text,
	"industry" text,
	"credit_code" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"received_by" text NOT NULL,
	"policy_no" text NOT NULL,
	"type" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"cost" numeric NOT NULL,
	"risk_level" text
);
--> statement-breakpoint
CREATE TABLE "registry_enterprises" (
	"credit_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"industry" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rejected_submissions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"insurer_code" text NOT NULL,
	"client_id" text NOT NULL,
	"request_id" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "used_assertions_expires_at" ON "used_assertions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "audit_log_unsealed" ON "audit_log" USING btree ("id") WHERE "audit_log"."seq" is null;--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_at" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_insurer_key" ON "claims" USING btree ("insurer_code","key");--> statement-breakpoint
CREATE INDEX "claims_region_id" ON "claims" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "claims_credit_code" ON "claims" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "claims_updated_at" ON "claims" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "claims_policy" ON "claims" USING btree ("insurer_code","policy_no");--> statement-breakpoint
CREATE INDEX "claims_occurred_at" ON "claims" USING btree ("occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hazards_insurer_key" ON "hazards" USING btree ("insurer_code","key");--> statement-breakpoint
CREATE INDEX "hazards_region_id" ON "hazards" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "hazards_credit_code" ON "hazards" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "hazards_updated_at" ON "hazards" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "hazards_policy" ON "hazards" USING btree ("insurer_code","policy_no");--> statement-breakpoint
CREATE INDEX "hazards_found_at" ON "hazards" USING btree ("found_at");--> statement-breakpoint
CREATE INDEX "hazards_deadline" ON "hazards" USING btree ("rectification_deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_insurer_key" ON "ledger_entries" USING btree ("insurer_code","key");--> statement-breakpoint
CREATE INDEX "ledger_entries_region_id" ON "ledger_entries" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "ledger_entries_credit_code" ON "ledger_entries" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "ledger_entries_updated_at" ON "ledger_entries" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_year" ON "ledger_entries" USING btree ("year","insurer_code");--> statement-breakpoint
CREATE INDEX "ledger_entries_service" ON "ledger_entries" USING btree ("insurer_code","service_no");--> statement-breakpoint
CREATE UNIQUE INDEX "policies_insurer_key" ON "policies" USING btree ("insurer_code","key");--> statement-breakpoint
CREATE INDEX "policies_region_id" ON "policies" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "policies_credit_code" ON "policies" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "policies_updated_at" ON "policies" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "policies_issue_date" ON "policies" USING btree ("issue_date");--> statement-breakpoint
CREATE INDEX "policies_supervision" ON "policies" USING btree ("issue_date","insurer_code","region_code","industry","voided","status","period_start","period_end","credit_code","premium","premium_collected","insured_headcount","created_at","flags","standardization_factor","commission_rate");--> statement-breakpoint
CREATE INDEX "policies_coverage" ON "policies" USING btree ("credit_code","period_end","period_start","status","voided");--> statement-breakpoint
CREATE UNIQUE INDEX "services_insurer_key" ON "services" USING btree ("insurer_code","key");--> statement-breakpoint
CREATE INDEX "services_region_id" ON "services" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "services_credit_code" ON "services" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "services_updated_at" ON "services" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "services_supervision" ON "services" USING btree ("type","started_at","status","insurer_code","region_code","industry","voided","cost","credit_code","created_at","risk_level","ended_at");--> statement-breakpoint
CREATE INDEX "services_policy" ON "services" USING btree ("insurer_code","policy_no");--> statement-breakpoint
CREATE INDEX "services_started_at" ON "services" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "rejected_submissions_insurer" ON "rejected_submissions" USING btree ("insurer_code","received_at");