CREATE TYPE "public"."distance_source" AS ENUM('calculated', 'official');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('attendance_certificate', 'travel_proof', 'learning_agreement', 'participant_report');--> statement-breakpoint
CREATE TYPE "public"."file_storage" AS ENUM('postgres', 'disk');--> statement-breakpoint
CREATE TYPE "public"."finding_status" AS ENUM('open', 'answered', 'closed');--> statement-breakpoint
CREATE TYPE "public"."mobility_member_role" AS ENUM('pupil', 'accompanying');--> statement-breakpoint
ALTER TYPE "public"."membership_role" ADD VALUE 'school_admin';--> statement-breakpoint
CREATE TABLE "auth_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage" "file_storage" NOT NULL,
	"content" "bytea",
	"disk_path" text,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_id_organisation_key" UNIQUE("id","organisation_id"),
	CONSTRAINT "files_size_range" CHECK ("files"."size_bytes" between 0 and 20971520),
	CONSTRAINT "files_storage_consistent" CHECK (("files"."storage" = 'postgres' and "files"."content" is not null) or ("files"."storage" = 'disk' and "files"."disk_path" is not null))
);
--> statement-breakpoint
CREATE TABLE "finding_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"na_code" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"mobility_id" uuid,
	"title" text NOT NULL,
	"status" "finding_status" DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" "membership_role" NOT NULL,
	"special_category_access" boolean DEFAULT false NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mobility_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"mobility_id" uuid NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"file_id" uuid,
	"done" boolean DEFAULT false NOT NULL,
	"note" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mobility_evidence_kind_key" UNIQUE("mobility_id","kind")
);
--> statement-breakpoint
CREATE TABLE "mobility_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"mobility_id" uuid NOT NULL,
	"participant_id" uuid,
	"role" "mobility_member_role" NOT NULL,
	"fewer_opportunities" boolean DEFAULT false NOT NULL,
	"start_date" date,
	"end_date" date,
	"inclusion_real_cost_cents" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mobility_members_dates" CHECK ("mobility_members"."end_date" is null or "mobility_members"."start_date" is null or "mobility_members"."end_date" >= "mobility_members"."start_date"),
	CONSTRAINT "mobility_members_accompanying_not_fewer" CHECK (not ("mobility_members"."role" = 'accompanying' and "mobility_members"."fewer_opportunities"))
);
--> statement-breakpoint
CREATE TABLE "na_rate_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"na_code" text NOT NULL,
	"call_year" integer NOT NULL,
	"version" integer NOT NULL,
	"figures" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "na_rate_sets_version_key" UNIQUE("na_code","call_year","version"),
	CONSTRAINT "na_rate_sets_na_code_format" CHECK ("na_rate_sets"."na_code" ~ '^[A-Z]{2}[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "partner_organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"oid" text,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"town" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_organisations_id_organisation_key" UNIQUE("id","organisation_id"),
	CONSTRAINT "partner_organisations_oid_format" CHECK ("partner_organisations"."oid" is null or "partner_organisations"."oid" ~ '^E[0-9]{8}$'),
	CONSTRAINT "partner_organisations_country_format" CHECK ("partner_organisations"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "partner_organisations_name_not_blank" CHECK (length(trim("partner_organisations"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "password_resets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "special_category_access" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "distance_source" "distance_source" DEFAULT 'calculated' NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "origin_town" text;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "partner_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "means_of_transport" text;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "fewer_opportunities" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "course_days" integer;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "inclusion_real_cost_cents" integer;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "expensive_travel_real_cost_cents" integer;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "linguistic_support" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "pupil_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "persons" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "force_majeure" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_travel_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_individual_support_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_organisational_support_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_course_fees_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_inclusion_support_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_linguistic_support_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_exceptional_costs_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_preparatory_visits_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_total_cents" bigint GENERATED ALWAYS AS (grant_travel_cents::bigint + grant_individual_support_cents + grant_organisational_support_cents + grant_course_fees_cents + grant_inclusion_support_cents + grant_linguistic_support_cents + grant_exceptional_costs_cents + grant_preparatory_visits_cents) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_eligible" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_issues" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD COLUMN "grant_computed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "fewer_opportunities_note" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "target_participants" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "target_fewer_opportunity_participants" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "target_green_travel_percent" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "target_average_duration_days" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "target_accompanying_persons" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "rate_set_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "platform_role" text;--> statement-breakpoint
ALTER TABLE "mobilities" ADD CONSTRAINT "mobilities_id_organisation_key" UNIQUE("id","organisation_id");--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_messages" ADD CONSTRAINT "finding_messages_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_messages" ADD CONSTRAINT "finding_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_project_fk" FOREIGN KEY ("project_id","organisation_id") REFERENCES "public"."projects"("id","organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_mobility_fk" FOREIGN KEY ("mobility_id","organisation_id") REFERENCES "public"."mobilities"("id","organisation_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobility_evidence" ADD CONSTRAINT "mobility_evidence_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobility_evidence" ADD CONSTRAINT "mobility_evidence_mobility_fk" FOREIGN KEY ("mobility_id","organisation_id") REFERENCES "public"."mobilities"("id","organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobility_evidence" ADD CONSTRAINT "mobility_evidence_file_fk" FOREIGN KEY ("file_id","organisation_id") REFERENCES "public"."files"("id","organisation_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobility_members" ADD CONSTRAINT "mobility_members_mobility_fk" FOREIGN KEY ("mobility_id","organisation_id") REFERENCES "public"."mobilities"("id","organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobility_members" ADD CONSTRAINT "mobility_members_participant_fk" FOREIGN KEY ("participant_id","organisation_id") REFERENCES "public"."participants"("id","organisation_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "na_rate_sets" ADD CONSTRAINT "na_rate_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_organisations" ADD CONSTRAINT "partner_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finding_messages_finding_idx" ON "finding_messages" USING btree ("finding_id","created_at");--> statement-breakpoint
CREATE INDEX "findings_na_idx" ON "findings" USING btree ("na_code","status");--> statement-breakpoint
CREATE INDEX "findings_organisation_idx" ON "findings" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_organisation_idx" ON "invitations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "mobility_members_mobility_idx" ON "mobility_members" USING btree ("mobility_id");--> statement-breakpoint
CREATE INDEX "mobility_members_participant_idx" ON "mobility_members" USING btree ("participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_organisations_name_key" ON "partner_organisations" USING btree ("organisation_id",lower("name"),"country");--> statement-breakpoint
CREATE UNIQUE INDEX "password_resets_token_hash_key" ON "password_resets" USING btree ("token_hash");--> statement-breakpoint
ALTER TABLE "mobilities" ADD CONSTRAINT "mobilities_partner_fk" FOREIGN KEY ("partner_organisation_id","organisation_id") REFERENCES "public"."partner_organisations"("id","organisation_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mobilities_project_status_idx" ON "mobilities" USING btree ("project_id","status");--> statement-breakpoint
ALTER TABLE "mobilities" ADD CONSTRAINT "mobilities_pupil_count_range" CHECK ("mobilities"."pupil_count" between 0 and 500);--> statement-breakpoint
ALTER TABLE "mobilities" ADD CONSTRAINT "mobilities_persons_range" CHECK ("mobilities"."persons" between 1 and 3);--> statement-breakpoint
ALTER TABLE "mobilities" ADD CONSTRAINT "mobilities_course_days_range" CHECK ("mobilities"."course_days" is null or "mobilities"."course_days" between 0 and 365);--> statement-breakpoint
ALTER TABLE "mobilities" ADD CONSTRAINT "mobilities_real_costs_not_negative" CHECK (coalesce("mobilities"."inclusion_real_cost_cents", 0) >= 0 and coalesce("mobilities"."expensive_travel_real_cost_cents", 0) >= 0);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_platform_role_known" CHECK ("users"."platform_role" is null or "users"."platform_role" = 'platform_admin');