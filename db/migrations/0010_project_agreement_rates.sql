CREATE TABLE "project_agreement_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"figures" jsonb NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_agreement_rates_version_key" UNIQUE("project_id","version"),
	CONSTRAINT "project_agreement_rates_source_not_blank" CHECK (length(trim("project_agreement_rates"."source")) > 0),
	CONSTRAINT "project_agreement_rates_version_positive" CHECK ("project_agreement_rates"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "project_agreement_rates" ADD CONSTRAINT "project_agreement_rates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_agreement_rates" ADD CONSTRAINT "project_agreement_rates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_agreement_rates" ADD CONSTRAINT "project_agreement_rates_project_fk" FOREIGN KEY ("project_id","organisation_id") REFERENCES "public"."projects"("id","organisation_id") ON DELETE cascade ON UPDATE no action;