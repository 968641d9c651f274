import type { TEvidenceKind } from "@/server/schemas/evidence";

export interface EvidenceFile {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: Date;
}

export interface EvidenceItemData {
  kind: TEvidenceKind;
  required: boolean;
  done: boolean;
  note: string | null;
  version: number | null;
  checkedAt: Date | null;
  checkedByName: string | null;
  file: EvidenceFile | null;
}

export interface ErrorLike {
  message?: string;
}
