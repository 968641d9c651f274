ALTER TABLE "mobilities" ALTER COLUMN "activity_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "mobilities" ADD CONSTRAINT "mobilities_activity_id_key" UNIQUE("project_id","activity_id");