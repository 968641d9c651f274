/**
 * Destination country groups for individual support (domain doc §4). Calls 2021–2023: C,
 * consistent across sources. Calls 2024–2026: B/C (taken as C); Poland's group is inferred (U).
 * Countries outside the programme countries are unknown (U) and therefore absent.
 */
import type { CountryGroup, Figure } from "../types";
import type { CountryGroups } from "./types";
import { figure, forCallYears } from "./figure";

function groupOf(group: CountryGroup, countries: readonly string[], source: string): Record<string, Figure<CountryGroup>> {
  return Object.fromEntries(countries.map((country) => [country, figure(group, "C", source)]));
}

const DOC_2021 = "erasmus-school-rules.md §4, country groups calls 2021–2023";
const DOC_2024 = "erasmus-school-rules.md §4, country groups calls 2024–2026";

const GROUPS_2021_TO_2023: CountryGroups = {
  ...groupOf(1, ["DK", "FI", "IS", "IE", "LI", "LU", "NO", "SE"], DOC_2021),
  ...groupOf(2, ["AT", "BE", "CY", "FR", "DE", "GR", "IT", "MT", "NL", "PT", "ES"], DOC_2021),
  ...groupOf(3, ["BG", "HR", "CZ", "EE", "HU", "LV", "LT", "MK", "PL", "RO", "RS", "SK", "SI", "TR"], DOC_2021),
};

const GROUPS_2024_TO_2026: CountryGroups = {
  ...groupOf(1, ["AT", "BE", "DK", "FI", "FR", "DE", "IS", "IE", "IT", "LI", "LU", "NL", "NO", "SE"], DOC_2024),
  ...groupOf(2, ["CY", "CZ", "EE", "GR", "LV", "MT", "PT", "SK", "SI", "ES"], DOC_2024),
  ...groupOf(3, ["BG", "HR", "HU", "LT", "MK", "RO", "RS", "TR"], DOC_2024),
  PL: figure(3, "U", `${DOC_2024} (Poland inferred)`),
};

export const COUNTRY_GROUPS = {
  ...forCallYears([2021, 2022, 2023], GROUPS_2021_TO_2023),
  ...forCallYears([2024, 2025, 2026], GROUPS_2024_TO_2026),
};
