import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The environment, validated once. Everything optional has a working default for a fresh clone. */
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  MOBILO_DATA_DIR: z.string().optional(),
  /** Where uploaded files are kept: in PostgreSQL (bytea) or under MOBILO_DATA_DIR/files. */
  FILE_STORAGE: z.enum(["postgres", "disk"]).default("postgres"),
  /** smtp(s)://user:pass@host:port; unset → mail is written as files to $MOBILO_DATA_DIR/mail (development, tests). */
  SMTP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  MAIL_FROM: z.string().default("Mobilo <no-reply@mobilo.local>"),
  /** The public address of the app, for links in e-mails (else taken from the request). */
  APP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  /** The schools' time zone (IANA): dates and times are shown in it, and a day of the audit filter is its day. */
  MOBILO_TIME_ZONE: z
    .string()
    .default("Europe/Ljubljana")
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "MOBILO_TIME_ZONE must be an IANA time zone such as Europe/Ljubljana"),
  /**
   * Years after the last end date of a pupil's (closed) projects when their personal data is anonymised
   * (server/services/retention.ts; docs/decisions.md "Retention").
   */
  /** Requests per minute one API key may make (/api/v1); the window is kept in PostgreSQL, so it holds across instances. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /**
   * Webhooks may be delivered to loopback, private and link-local addresses (server/services/webhook-transport.ts).
   * Off by default: a subscriber's URL must not reach into the network Mobilo runs in.
   */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
  RETENTION_YEARS: z.coerce.number().int().min(1, "RETENTION_YEARS must be a whole number of years, at least 1").max(50).default(5),
});

export const env = ZEnv.parse(process.env);

export function dataDir(): string {
  return path.resolve(env.MOBILO_DATA_DIR ?? path.join(process.cwd(), ".data"));
}

/**
 * AUTH_SECRET from the environment. Without one, the embedded default (no DATABASE_URL) and
 * development generate a secret into .data/ once; a production server on a real database refuses
 * to start without it.
 */
export function resolveAuthSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === "production" && env.DATABASE_URL) {
    throw new Error("AUTH_SECRET is required in production: set it to a random string of 32+ characters (openssl rand -base64 32).");
  }
  const file = path.join(dataDir(), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir(), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
