CREATE TYPE "public"."activity_type" AS ENUM('SM-JOB-SHDW', 'SM-TTA', 'SM-COUR-TRAIN', 'LM-GRP-PUPIL', 'LM-SHORT-PUPIL', 'LM-LONG-PUPILS', 'OA-INV-EXP', 'OA-HOS-TTT', 'PREP-VISIT');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('coordinator', 'teacher', 'headteacher');--> statement-breakpoint
CREATE TYPE "public"."mobility_status" AS ENUM('draft', 'planned', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."participant_kind" AS ENUM('staff', 'pupil');--> statement-breakpoint
CREATE TYPE "public"."project_action" AS ENUM('KA121', 'KA122', 'KA210', 'KA220');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('draft', 'running', 'reporting', 'closed');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" uuid,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" "membership_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_organisation_key" UNIQUE("user_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "mobilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"participant_id" uuid,
	"activity_type" "activity_type" NOT NULL,
	"accompanying" boolean DEFAULT false NOT NULL,
	"status" "mobility_status" DEFAULT 'planned' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"travel_days" integer DEFAULT 0 NOT NULL,
	"green_travel" boolean DEFAULT false NOT NULL,
	"receiving_organisation" text NOT NULL,
	"destination_country" text NOT NULL,
	"destination_town" text NOT NULL,
	"distance_km" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mobilities_end_after_start" CHECK ("mobilities"."end_date" >= "mobilities"."start_date"),
	CONSTRAINT "mobilities_travel_days_range" CHECK ("mobilities"."travel_days" between 0 and 6),
	CONSTRAINT "mobilities_distance_not_negative" CHECK ("mobilities"."distance_km" is null or "mobilities"."distance_km" >= 0),
	CONSTRAINT "mobilities_country_format" CHECK ("mobilities"."destination_country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "mobilities_receiving_not_blank" CHECK (length(trim("mobilities"."receiving_organisation")) > 0)
);
--> statement-breakpoint
CREATE TABLE "na_officers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"na_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "na_officers_user_na_key" UNIQUE("user_id","na_code"),
	CONSTRAINT "na_officers_na_code_format" CHECK ("na_officers"."na_code" ~ '^[A-Z]{2}[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"oid" text NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"town" text NOT NULL,
	"na_code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_oid_format" CHECK ("organisations"."oid" ~ '^E[0-9]{8}$'),
	CONSTRAINT "organisations_country_format" CHECK ("organisations"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "organisations_na_code_format" CHECK ("organisations"."na_code" ~ '^[A-Z]{2}[0-9]{2}$'),
	CONSTRAINT "organisations_name_not_blank" CHECK (length(trim("organisations"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "participant_kind" NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text,
	"staff_role" text,
	"date_of_birth" date,
	"fewer_opportunities" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participants_id_organisation_key" UNIQUE("id","organisation_id"),
	CONSTRAINT "participants_names_not_blank" CHECK (length(trim("participants"."first_name")) > 0 and length(trim("participants"."last_name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"action" "project_action" NOT NULL,
	"field" text DEFAULT 'SCH' NOT NULL,
	"project_number" text NOT NULL,
	"title" text NOT NULL,
	"call_year" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" "project_status" DEFAULT 'running' NOT NULL,
	"awarded_travel_cents" integer DEFAULT 0 NOT NULL,
	"awarded_individual_support_cents" integer DEFAULT 0 NOT NULL,
	"awarded_organisational_support_cents" integer DEFAULT 0 NOT NULL,
	"awarded_course_fees_cents" integer DEFAULT 0 NOT NULL,
	"awarded_inclusion_support_cents" integer DEFAULT 0 NOT NULL,
	"awarded_linguistic_support_cents" integer DEFAULT 0 NOT NULL,
	"awarded_exceptional_costs_cents" integer DEFAULT 0 NOT NULL,
	"awarded_preparatory_visits_cents" integer DEFAULT 0 NOT NULL,
	"awarded_lump_sum_cents" integer DEFAULT 0 NOT NULL,
	"awarded_total_cents" bigint GENERATED ALWAYS AS (awarded_travel_cents::bigint + awarded_individual_support_cents + awarded_organisational_support_cents + awarded_course_fees_cents + awarded_inclusion_support_cents + awarded_linguistic_support_cents + awarded_exceptional_costs_cents + awarded_preparatory_visits_cents + awarded_lump_sum_cents) STORED NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_id_organisation_key" UNIQUE("id","organisation_id"),
	CONSTRAINT "projects_end_after_start" CHECK ("projects"."end_date" >= "projects"."start_date"),
	CONSTRAINT "projects_call_year_range" CHECK ("projects"."call_year" between 2021 and 2027),
	CONSTRAINT "projects_field_sch" CHECK ("projects"."field" = 'SCH'),
	CONSTRAINT "projects_number_format" CHECK ("projects"."project_number" ~ '^20[0-9]{2}-[1-9]-[A-Z]{2}[0-9]{2}-KA[0-9]{3}-(SCH|VET|ADU|HED|YOU)-[0-9]{9}$'),
	CONSTRAINT "projects_title_not_blank" CHECK (length(trim("projects"."title")) > 0),
	CONSTRAINT "projects_awarded_not_negative" CHECK (least("projects"."awarded_travel_cents", "projects"."awarded_individual_support_cents", "projects"."awarded_organisational_support_cents", "projects"."awarded_course_fees_cents", "projects"."awarded_inclusion_support_cents", "projects"."awarded_linguistic_support_cents", "projects"."awarded_exceptional_costs_cents", "projects"."awarded_preparatory_visits_cents", "projects"."awarded_lump_sum_cents") >= 0)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_name_not_blank" CHECK (length(trim("users"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobilities" ADD CONSTRAINT "mobilities_project_fk" FOREIGN KEY ("project_id","organisation_id") REFERENCES "public"."projects"("id","organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mobilities" ADD CONSTRAINT "mobilities_participant_fk" FOREIGN KEY ("participant_id","organisation_id") REFERENCES "public"."participants"("id","organisation_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "na_officers" ADD CONSTRAINT "na_officers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_organisation_idx" ON "audit_log" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "memberships_organisation_idx" ON "memberships" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "mobilities_project_idx" ON "mobilities" USING btree ("project_id","start_date");--> statement-breakpoint
CREATE INDEX "mobilities_participant_idx" ON "mobilities" USING btree ("participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_oid_key" ON "organisations" USING btree ("oid");--> statement-breakpoint
CREATE INDEX "organisations_na_code_idx" ON "organisations" USING btree ("na_code");--> statement-breakpoint
CREATE INDEX "participants_organisation_idx" ON "participants" USING btree ("organisation_id","last_name");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_project_number_key" ON "projects" USING btree ("project_number");--> statement-breakpoint
CREATE INDEX "projects_organisation_idx" ON "projects" USING btree ("organisation_id","call_year");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));