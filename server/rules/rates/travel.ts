/**
 * Travel unit costs per participant (return trip), by one-way distance band.
 * Domain doc §3: calls 2021–2023 B (green travel in call 2021 for SCH: U); calls 2024–2026 C plus
 * an undated B. A band without a green amount in the doc has none (the standard amount is paid).
 */
import type { TravelDayRules, TravelRates } from "./types";
import { euros, figure, forCallYears } from "./figure";
import type { Confidence } from "../types";

const DOC_2021 = "erasmus-school-rules.md §3, calls 2021–2023";
const DOC_2024 = "erasmus-school-rules.md §3, calls 2024–2026 (most sources from call 2024, one from 2025)";

function travel2021to2023(greenConfidence: Confidence): TravelRates {
  const green = (eur: number) => euros(eur, greenConfidence, `${DOC_2021}, green travel`);
  return {
    "10-99": { standard: euros(23, "B", DOC_2021) },
    "100-499": { standard: euros(180, "B", DOC_2021), green: green(210) },
    "500-1999": { standard: euros(275, "B", DOC_2021), green: green(320) },
    "2000-2999": { standard: euros(360, "B", DOC_2021), green: green(410) },
    "3000-3999": { standard: euros(530, "B", DOC_2021), green: green(610) },
    "4000-7999": { standard: euros(820, "B", DOC_2021) },
    "8000+": { standard: euros(1500, "B", DOC_2021) },
  };
}

const TRAVEL_2024_TO_2026: TravelRates = {
  "10-99": { standard: euros(28, "C", DOC_2024), green: euros(56, "C", DOC_2024) },
  "100-499": { standard: euros(211, "C", DOC_2024), green: euros(285, "C", DOC_2024) },
  "500-1999": { standard: euros(309, "C", DOC_2024), green: euros(417, "C", DOC_2024) },
  "2000-2999": { standard: euros(395, "C", DOC_2024), green: euros(535, "C", DOC_2024) },
  "3000-3999": { standard: euros(580, "C", DOC_2024), green: euros(785, "C", DOC_2024) },
  "4000-7999": { standard: euros(1188, "C", DOC_2024), green: euros(1188, "C", DOC_2024) },
  "8000+": { standard: euros(1735, "C", DOC_2024), green: euros(1735, "C", DOC_2024) },
};

export const TRAVEL_RATES = {
  2021: travel2021to2023("U"),
  ...forCallYears([2022, 2023], travel2021to2023("B")),
  ...forCallYears([2024, 2025, 2026], TRAVEL_2024_TO_2026),
};

/** Funded travel days: up to 2, with green travel up to 6 in total (domain doc §3, A). */
export const TRAVEL_DAY_RULES = forCallYears<TravelDayRules>([2021, 2022, 2023, 2024, 2025, 2026], {
  standard: figure(2, "A", "erasmus-school-rules.md §3, funded travel days"),
  green: figure(6, "A", "erasmus-school-rules.md §3, funded travel days with green travel"),
});
