/**
 * Group mobility of pupils as ONE record (domain doc §2 and §10: schools hate splitting groups into
 * artificial sub-groups). Each person is funded on their own (pupils at the pupil rate, accompanying
 * persons at the staff rate without organisational or linguistic support), then the group's
 * organisational support is capped at 1 000 EUR (domain doc §5), paid to pupils in order.
 */
import { IssueCollector, dedupeIssues, dedupeSources } from "./issues";
import { GRANT_LINES, type EstimateInput, type GrantLines, type MobilityEstimate, type RuleIssue } from "./types";
import type { DistanceResolution } from "./geo";
import type { RateTables } from "./rates/types";
import { buildEstimate, calculateMobilityGrant, zeroLines } from "./mobility";
import { centsToEur } from "./money";

/** What may differ for one pupil from the group's common fields. */
export interface GroupPupil {
  fewerOpportunities?: boolean;
  startDate?: string;
  endDate?: string;
  travelDays?: number;
  greenTravel?: boolean;
  inclusionRealCostEur?: number;
  expensiveTravelRealCostEur?: number;
  linguisticSupport?: boolean;
}

/** What may differ for one accompanying person from the group's common fields. */
export interface GroupAccompanyingPerson {
  startDate?: string;
  endDate?: string;
  travelDays?: number;
  greenTravel?: boolean;
  expensiveTravelRealCostEur?: number;
}

export interface GroupEstimateInput
  extends Omit<
    EstimateInput,
    "activityType" | "accompanying" | "fewerOpportunities" | "inclusionRealCostEur" | "courseDays" | "persons"
  > {
  /** A number of pupils with the common fields, or one entry per pupil. */
  pupils: number | GroupPupil[];
  accompanyingPersons: number | GroupAccompanyingPerson[];
}

export interface PersonEstimate extends MobilityEstimate {
  role: "pupil" | "accompanying";
  /** 1-based within its role. */
  index: number;
}

export interface GroupEstimate extends MobilityEstimate {
  persons: PersonEstimate[];
  pupilCount: number;
  accompanyingCount: number;
}

function people<T extends object>(entries: number | T[]): T[] {
  return typeof entries === "number" ? Array.from({ length: entries }, () => ({}) as T) : entries;
}

/** Person fields over the common fields; an explicitly undefined person field keeps the common one. */
function personInput(
  common: Omit<GroupEstimateInput, "pupils" | "accompanyingPersons">,
  person: GroupPupil | GroupAccompanyingPerson,
  accompanying: boolean,
): EstimateInput {
  const given = Object.fromEntries(Object.entries(person).filter(([, value]) => value !== undefined));
  return { ...common, ...given, activityType: "LM-GRP-PUPIL", accompanying };
}

function withOrganisationalSupport(estimate: PersonEstimate, cents: number): PersonEstimate {
  const linesCents = { ...estimate.linesCents, organisationalSupport: cents };
  return { ...estimate, ...buildEstimate(linesCents, estimate.errors, estimate.warnings, estimate.details, estimate) };
}

function withoutMoney(estimate: PersonEstimate): PersonEstimate {
  return { ...estimate, ...buildEstimate(zeroLines(), estimate.errors, estimate.warnings, estimate.details, estimate), eligible: false };
}

export function calculateGroupMobilityGrant(
  input: GroupEstimateInput,
  distance: DistanceResolution,
  rates: RateTables,
): GroupEstimate {
  const { pupils: pupilEntries, accompanyingPersons: accompanyingEntries, ...common } = input;
  const pupils = people(pupilEntries);
  const accompanying = people(accompanyingEntries);
  const issues = new IssueCollector();

  const minPupils = issues.use("project.groupMinPupils", rates.project.groupMinPupils);
  if (pupils.length < minPupils) issues.error("GROUP_TOO_FEW_PUPILS", { pupils: pupils.length, min: minPupils }, "pupils");
  // Pupils are accompanied by staff of the sending school all the time (domain doc §2, A).
  if (accompanying.length === 0) issues.error("GROUP_WITHOUT_ACCOMPANYING", undefined, "accompanyingPersons");

  let persons: PersonEstimate[] = [
    ...pupils.map((pupil, i) => ({
      role: "pupil" as const,
      index: i + 1,
      ...calculateMobilityGrant(personInput(common, pupil, false), distance, rates),
    })),
    ...accompanying.map((person, i) => ({
      role: "accompanying" as const,
      index: i + 1,
      ...calculateMobilityGrant(personInput(common, person, true), distance, rates),
    })),
  ];

  const cap = rates.organisationalSupport[input.callYear]?.groupCap;
  if (cap) {
    const capCents = issues.use("organisationalSupport.groupCap", cap);
    const uncappedCents = persons.reduce((sum, person) => sum + person.linesCents.organisationalSupport, 0);
    if (uncappedCents > capCents) {
      issues.warn("GROUP_ORGANISATIONAL_SUPPORT_CAPPED", {
        capEur: centsToEur(capCents),
        pupils: pupils.length,
        uncappedEur: centsToEur(uncappedCents),
      });
      let remainingCents = capCents;
      persons = persons.map((person) => {
        const paidCents = Math.min(person.linesCents.organisationalSupport, remainingCents);
        remainingCents -= paidCents;
        return withOrganisationalSupport(person, paidCents);
      });
    }
  }

  const errors: RuleIssue[] = dedupeIssues([...issues.finalErrors(), ...persons.flatMap((person) => person.errors)]);
  const warnings = dedupeIssues([
    ...issues.finalWarnings(input.callYear),
    ...persons.flatMap((person) => person.warnings),
  ]);
  if (errors.length > 0) persons = persons.map(withoutMoney);

  const linesCents: GrantLines = zeroLines();
  for (const person of persons) for (const line of GRANT_LINES) linesCents[line] += person.linesCents[line];
  const groupDetails = calculateMobilityGrant(personInput(common, {}, false), distance, rates).details;
  // A line unknown for one person is unknown for the group (its known persons' cents stay a lower bound).
  const completeness = {
    missing: dedupeIssues([...issues.finalMissing(), ...persons.flatMap((person) => person.missing)]),
    unknownLines: GRANT_LINES.filter((line) => persons.some((person) => person.unknownLines.includes(line))),
    sources: dedupeSources([...persons.flatMap((person) => person.sources), ...issues.sources()]),
  };
  return {
    ...buildEstimate(linesCents, errors, warnings, groupDetails, completeness),
    persons,
    pupilCount: pupils.length,
    accompanyingCount: accompanying.length,
  };
}
