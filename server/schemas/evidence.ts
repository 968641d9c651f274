import { z } from "zod";
import { ZId, ZSafeString, ZVersion } from "./common";

/** The evidence a school keeps per mobility (order = the checklist's order). */
export const EVIDENCE_KINDS = ["attendance_certificate", "travel_proof", "learning_agreement", "participant_report"] as const;
export type TEvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const ZEvidenceKind = z.enum(EVIDENCE_KINDS, { error: "required" });
export const NOTE_MAX_LENGTH = 1000;

export const ZMobilityEvidenceRef = z.object({ mobilityId: ZId });
export type TMobilityEvidenceRef = z.infer<typeof ZMobilityEvidenceRef>;

/**
 * Ticks (or unticks) one item. `version` is the item's version as the client saw it; leave it out
 * when the item has never been saved (the list shows `version: null`). `note`: undefined keeps it,
 * an empty string or null clears it.
 */
export const ZSetEvidenceDone = z.object({
  mobilityId: ZId,
  kind: ZEvidenceKind,
  done: z.boolean(),
  note: ZSafeString(NOTE_MAX_LENGTH, { multiline: true }).nullable().optional(),
  version: ZVersion.optional(),
});
export type TSetEvidenceDone = z.infer<typeof ZSetEvidenceDone>;

export const ZRemoveEvidenceFile = z.object({
  mobilityId: ZId,
  kind: ZEvidenceKind,
  version: ZVersion,
});
export type TRemoveEvidenceFile = z.infer<typeof ZRemoveEvidenceFile>;

/** The text fields of the upload form (multipart: every value arrives as a string). */
export const ZUploadEvidenceFields = z.object({
  orgId: ZId,
  mobilityId: ZId,
  kind: ZEvidenceKind,
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, { error: "invalidInput" })
    .transform(Number)
    .optional(),
});
export type TUploadEvidenceFields = z.infer<typeof ZUploadEvidenceFields>;

/** Filenames as browsers send them: kept for display only (services/evidence.ts), never part of a path. */
export const ZUploadFilename = ZSafeString(255);

/** The upload as the route handler hands it to `evidence.upload` (route-only: bytes are not JSON). */
export const ZUploadEvidence = z.object({
  orgId: ZId,
  mobilityId: ZId,
  kind: ZEvidenceKind,
  version: ZVersion.optional(),
  filename: ZUploadFilename,
  bytes: z.instanceof(Buffer, { error: "fileMissing" }),
});
export type TUploadEvidence = z.infer<typeof ZUploadEvidence>;

export const ZFileRef = z.object({ fileId: ZId });
