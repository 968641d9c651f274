import { z } from "zod";
import { BM_FIELDS } from "@/server/bm/types";
import { ZId, ZTranslations } from "./common";

/** The user's choice for a column of their own spreadsheet: a BM field, or null to ignore it. */
export const ZBmHeaderOverrides = z.record(z.string().max(200), z.enum(BM_FIELDS).nullable()).refine((value) => Object.keys(value).length <= 200, { error: "tooLong" });

export const ZBmExport = z.object({ projectId: ZId, onlyCompleted: z.boolean().default(false), format: z.enum(["xlsx", "csv"]).default("xlsx") });

/** The feedback file: its messages are translated by the route handler's next-intl translator. */
export const ZBmFeedbackFile = z.object({
  importId: ZId,
  translations: ZTranslations<{ message: (code: string, params?: Record<string, string | number>) => string }>(),
});

/** An upload as the route handler hands it over (bytes are never sent through the tRPC HTTP endpoint). */
export const ZBmUpload = z.object({
  projectId: ZId,
  fileName: z.string().trim().min(1).max(200),
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { error: "invalidFile" }),
  headerOverrides: ZBmHeaderOverrides.optional(),
});

/** The pre-flight check runs over the rows the export would write. */
export const ZBmPreflight = z.object({ projectId: ZId, onlyCompleted: z.boolean().default(false) });

export const ZBmImportRef = z.object({ importId: ZId });
export const ZBmProjectRef = z.object({ projectId: ZId });
