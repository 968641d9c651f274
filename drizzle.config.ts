import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is used: migrations are code, committed under db/migrations and applied
// by db/migrate.ts on start and in tests. No credentials are needed to generate.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
