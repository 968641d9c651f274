/**
 * The Beneficiary Module's (BM) mobility import/export file layout, as data. A template is one
 * action (KA121-SCH, KA122-SCH) in one BM release; columns are matched by their header (row 1), never
 * by position, so added, removed or reordered columns do not break an import. Row 2 holds BM's
 * mandatory marker and the format or dictionary of each column (domain doc §11). Every entry carries
 * its source and confidence (A official EU, B National Agency, C third party, U unconfirmed).
 */
import type { Confidence } from "@/server/rules/types";

export type { Confidence };

/** What a column holds; the parser turns the cell into that kind of value or reports the cell. */
export type BmFormat =
  | { kind: "text"; max: number }
  | { kind: "email" }
  | { kind: "integer"; min: number; max: number }
  | { kind: "date" }
  | { kind: "amount" }
  | { kind: "dictionary"; dictionary: BmDictionaryName };

export type BmDictionaryName = "dataType" | "yesNo" | "activity" | "country" | "status" | "transport";

/** The fields of Mobilo a column carries. `export` columns are written but never read back. */
export const BM_FIELDS = [
  "dataType",
  "grantAgreementNo",
  "mobilityActivityId",
  "erasmusMobilityId",
  "groupId",
  "activityType",
  "status",
  "firstName",
  "lastName",
  "email",
  "accompanying",
  "fewerOpportunities",
  "unnamedPupils",
  "persons",
  "sendingOid",
  "receivingOid",
  "receivingName",
  "receivingCountry",
  "receivingCity",
  "originCity",
  "startDate",
  "endDate",
  "travelDays",
  "distanceKm",
  "greenTravel",
  "meansOfTransport",
  "courseDays",
  "linguisticSupport",
  "inclusionRealCost",
  "expensiveTravelRealCost",
  "forceMajeure",
  // written only (the engine's figures, for the reader; an import recomputes them)
  "distanceBand",
  "fundedDays",
  "grantTravel",
  "grantIndividualSupport",
  "grantOrganisationalSupport",
  "grantCourseFees",
  "grantInclusionSupport",
  "grantLinguisticSupport",
  "grantExceptionalCosts",
  "grantPreparatoryVisits",
  "grantTotal",
] as const;
export type BmField = (typeof BM_FIELDS)[number];

export interface BmColumn {
  field: BmField;
  /** The header as BM writes it in row 1. */
  header: string;
  /** Other headers seen for the same field (older releases, MT+, Slovenian spreadsheets). */
  aliases?: readonly string[];
  mandatory: boolean;
  format: BmFormat;
  /** Row 2: BM's marker and format note, written as is. */
  row2: string;
  /** Written on export, ignored on import (the engine recomputes it). */
  exportOnly?: boolean;
  /** Special-category data: blank in exports and ignored in imports for members without the permission. */
  specialCategory?: boolean;
  source: string;
  confidence: Confidence;
}

export interface BmTemplate {
  /** e.g. "KA121-SCH@2025.1" */
  id: string;
  action: "KA121-SCH" | "KA122-SCH";
  /** The BM release the layout was taken from. */
  release: string;
  /** The worksheet name BM uses. */
  sheetName: string;
  columns: readonly BmColumn[];
  source: string;
  confidence: Confidence;
}

export interface BmDictionaryEntry {
  /** The value BM writes. */
  code: string;
  /** Mobilo's value. */
  value: string;
  /** Other spellings accepted on import (case and accents are ignored anyway). */
  aliases?: readonly string[];
}

export interface BmDictionary {
  name: BmDictionaryName;
  entries: readonly BmDictionaryEntry[];
  source: string;
  confidence: Confidence;
}
