CREATE TYPE "public"."bm_import_status" AS ENUM('analysed', 'rejected', 'queued', 'running', 'committed', 'failed');--> statement-breakpoint
CREATE TABLE "bm_column_mappings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bm_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"created_by" uuid,
	"file_name" text NOT NULL,
	"file_format" text NOT NULL,
	"file_bytes" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"header_overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "bm_import_status" NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"dry_run" jsonb NOT NULL,
	"outcome" jsonb,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "bm_imports_format" CHECK ("bm_imports"."file_format" in ('xlsx', 'csv')),
	CONSTRAINT "bm_imports_size" CHECK (octet_length("bm_imports"."file_bytes") <= 10485760)
);
--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "activity_id" text;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "erasmus_mobility_id" text;--> statement-breakpoint
ALTER TABLE "bm_column_mappings" ADD CONSTRAINT "bm_column_mappings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bm_imports" ADD CONSTRAINT "bm_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bm_imports" ADD CONSTRAINT "bm_imports_project_fk" FOREIGN KEY ("project_id","organisation_id") REFERENCES "public"."projects"("id","organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bm_imports_project_idx" ON "bm_imports" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "bm_imports_queue_idx" ON "bm_imports" USING btree ("status","created_at");--> statement-breakpoint
ALTER TABLE "mobilities" ADD CONSTRAINT "mobilities_activity_id_format" CHECK ("mobilities"."activity_id" ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$');--> statement-breakpoint
ALTER TABLE "mobilities" ADD CONSTRAINT "mobilities_erasmus_mobility_id_format" CHECK ("mobilities"."erasmus_mobility_id" is null or "mobilities"."erasmus_mobility_id" ~ '^20[0-9]{2}-[A-Z]{5}-[0-9]{4}-[A-Z0-9-]{20}$');