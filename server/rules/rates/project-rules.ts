/** Project-level rules (domain doc §1); programme-wide, no source ties them to a call year. */
import type { ProjectRules } from "./types";
import { figure } from "./figure";

const DOC = "erasmus-school-rules.md §1";

export const PROJECT_RULES: ProjectRules = {
  groupMinPupils: figure(2, "A", "erasmus-school-rules.md §2, LM-GRP-PUPIL"),
  ka122MaxParticipants: figure(30, "B", `${DOC}, KA122-SCH`),
  ka122Months: figure({ minMonths: 6, maxMonths: 18 }, "B", `${DOC}, KA122-SCH`),
  ka122MaxGrants: figure(3, "B", `${DOC}, KA122-SCH grants in 5 consecutive call years`),
  ka122WindowYears: figure(5, "B", `${DOC}, KA122-SCH grants in 5 consecutive call years`),
  ka121InitialMonths: figure(15, "B", `${DOC}, KA121-SCH`),
  ka121MaxMonths: figure(24, "B", `${DOC}, KA121-SCH extension`),
  ka210MinOrganisations: figure(2, "B", `${DOC}, KA210-SCH`),
  ka210MinCountries: figure(2, "B", `${DOC}, KA210-SCH`),
  ka210Months: figure({ minMonths: 6, maxMonths: 24 }, "B", `${DOC}, KA210-SCH`),
  ka210LumpSums: figure([3_000_000, 6_000_000], "B", `${DOC}, KA210-SCH lump sums`),
  ka220MinOrganisations: figure(3, "B", `${DOC}, KA220-SCH`),
  ka220MinCountries: figure(3, "B", `${DOC}, KA220-SCH`),
  ka220Months: figure({ minMonths: 12, maxMonths: 36 }, "C", `${DOC}, KA220-SCH`),
  ka220LumpSums: figure([12_000_000, 25_000_000, 40_000_000], "B", `${DOC}, KA220-SCH lump sums`),
  // The domain doc gives no due date for the final report (§7 only says it is scored); 60 days after
  // the end is the usual term of Erasmus+ grant agreements, unconfirmed here: an NA can override it.
  finalReportDueDays: figure(60, "U", "erasmus-school-rules.md §7, final report due date (not in the doc)"),
};
