-- Existing mobilities get the Mobility activity ID the Beneficiary Module would have given them:
-- the last 6 digits of the project number, MOB and a counter in the order they were logged.
UPDATE "mobilities" AS m
SET "activity_id" = numbered.activity_id
FROM (
  SELECT mo."id",
         right(p."project_number", 6) || '-MOB-' ||
           lpad((row_number() OVER (PARTITION BY mo."project_id" ORDER BY mo."created_at", mo."id"))::text, 5, '0') AS activity_id
  FROM "mobilities" mo
  JOIN "projects" p ON p."id" = mo."project_id"
) AS numbered
WHERE numbered."id" = m."id" AND m."activity_id" IS NULL;
--> statement-breakpoint
-- A mobility inserted without an ID gets the next one of its project (the services lock the project
-- row before inserting, so two inserts do not pick the same counter). An import sets IDs itself.
CREATE FUNCTION "mobilities_default_activity_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."activity_id" IS NULL THEN
    SELECT right(p."project_number", 6) || '-MOB-' || lpad((coalesce((
             SELECT max((regexp_match(m."activity_id", '-MOB-([0-9]{1,9})$'))[1]::int)
             FROM "mobilities" m WHERE m."project_id" = NEW."project_id"), 0) + 1)::text, 5, '0')
      INTO NEW."activity_id"
      FROM "projects" p WHERE p."id" = NEW."project_id";
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "mobilities_default_activity_id" BEFORE INSERT ON "mobilities"
  FOR EACH ROW EXECUTE FUNCTION "mobilities_default_activity_id"();
