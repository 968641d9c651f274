import { z } from "zod";
import { ZId, ZRequiredText } from "./common";
import { ZNaCode } from "./na";

/*
 * The public API's keys and webhooks (docs/api.md). A key belongs to one school or one national agency
 * and holds scopes; each REST operation names the one scope it needs (server/api/rest/operations.ts).
 */

/** What a school's key may be granted. */
export const SCHOOL_API_SCOPES = [
  "read:projects",
  "read:mobilities",
  "read:budgets",
  "write:mobilities",
  "read:special-category",
] as const;
/** What an NA's key may be granted. */
export const NA_API_SCOPES = ["read:na-portfolio"] as const;
export const API_SCOPES = [...SCHOOL_API_SCOPES, ...NA_API_SCOPES] as const;
export type TApiScope = (typeof API_SCOPES)[number];
export type TSchoolApiScope = (typeof SCHOOL_API_SCOPES)[number];

const scopesOf = <T extends readonly [string, ...string[]]>(allowed: T) =>
  z
    .array(z.enum(allowed, { error: "invalidScope" }))
    .min(1, { error: "scopesRequired" })
    .max(allowed.length)
    .transform((scopes) => [...new Set(scopes)].sort());

export const ZApiKeyName = ZRequiredText(80);

export const ZCreateSchoolApiKey = z.object({ name: ZApiKeyName, scopes: scopesOf(SCHOOL_API_SCOPES) });
export type TCreateSchoolApiKey = z.infer<typeof ZCreateSchoolApiKey>;
export const ZCreateNaApiKey = z.object({ naCode: ZNaCode, name: ZApiKeyName, scopes: scopesOf(NA_API_SCOPES) });
export type TCreateNaApiKey = z.infer<typeof ZCreateNaApiKey>;
export const ZApiKeyRef = z.object({ apiKeyId: ZId });
export const ZNaApiKeyList = z.object({ naCode: ZNaCode });

/** The token's shape: `mob_<12 lower-case letters and digits>_<43 base64url characters>`. */
export const API_TOKEN_PATTERN = /^mob_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/* ---------- webhooks ---------- */

export const WEBHOOK_EVENTS = [
  "mobility.created",
  "mobility.changed",
  "mobility.completed",
  "finding.opened",
  "finding.answered",
] as const;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** An http(s) URL without credentials, at most 500 characters. */
export const ZWebhookUrl = z
  .string({ error: "required" })
  .trim()
  .max(500, { error: "tooLong" })
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, { error: "webhookUrlInvalid" });

const ZEvents = z
  .array(z.enum(WEBHOOK_EVENTS, { error: "invalidInput" }))
  .min(1, { error: "eventsRequired" })
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)].sort());

export const ZCreateSchoolWebhook = z.object({ url: ZWebhookUrl, events: ZEvents });
export type TCreateSchoolWebhook = z.infer<typeof ZCreateSchoolWebhook>;
export const ZCreateNaWebhook = z.object({ naCode: ZNaCode, url: ZWebhookUrl, events: ZEvents });
export type TCreateNaWebhook = z.infer<typeof ZCreateNaWebhook>;
export const ZWebhookRef = z.object({ webhookId: ZId });
