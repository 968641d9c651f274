import type { BmColumn, BmTemplate } from "../types";
import { BM_2025_1_COLUMNS } from "./bm-2025-1";

/*
 * BM release 2023.2: before the Erasmus+ Mobility ID (call 2024) and without Mobilo's group and
 * grant columns; MT+-era headers. Kept so files exported from that release still import.
 */

const SOURCE = "MT+/BM import template, 2023 (B): row 1 field names, row 2 mandatory markers";

const KEEP = new Set([
  "dataType", "grantAgreementNo", "mobilityActivityId", "activityType", "firstName", "lastName", "email", "accompanying",
  "fewerOpportunities", "receivingOid", "receivingName", "receivingCountry", "receivingCity", "startDate", "endDate",
  "travelDays", "greenTravel", "fundedDays",
]);

const HEADERS: Readonly<Record<string, string>> = {
  grantAgreementNo: "Grant Agreement No",
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  receivingName: "Receiving organisation",
  receivingCity: "Receiving City",
};

const COLUMNS: readonly BmColumn[] = BM_2025_1_COLUMNS.filter((column) => KEEP.has(column.field)).map((column) => ({
  ...column,
  header: HEADERS[column.field] ?? column.header,
  source: SOURCE,
}));

export const KA121_SCH_2023_2: BmTemplate = {
  id: "KA121-SCH@2023.2",
  action: "KA121-SCH",
  release: "2023.2",
  sheetName: "Mobility activities",
  columns: COLUMNS,
  source: SOURCE,
  confidence: "B",
};

export const KA122_SCH_2023_2: BmTemplate = { ...KA121_SCH_2023_2, id: "KA122-SCH@2023.2", action: "KA122-SCH" };
