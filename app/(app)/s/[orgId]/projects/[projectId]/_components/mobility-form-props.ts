import "server-only";
import { centsToEur } from "@/server/rules";
import { COUNTRY_GROUPS } from "@/server/rules/rates/country-groups";
import type { MobilityFormValues } from "@/components/mobilities/form-values";

/** Destinations the engine has a country group for in the call year (the programme countries). */
export function programmeCountries(callYear: number): string[] {
  const latest = Math.max(...Object.keys(COUNTRY_GROUPS).map(Number));
  return Object.keys(COUNTRY_GROUPS[callYear] ?? COUNTRY_GROUPS[latest] ?? {}).sort();
}

const euroText = (cents: number | null) => (cents === null ? "" : String(centsToEur(cents)));
const intText = (value: number | null) => (value === null ? "" : String(value));

interface StoredShape {
  activityType: MobilityFormValues["activityType"];
  status: MobilityFormValues["status"];
  participantId: string | null;
  accompanying: boolean;
  startDate: string;
  endDate: string;
  travelDays: number;
  greenTravel: boolean;
  meansOfTransport: string | null;
  receivingOrganisation: string;
  destinationCountry: string;
  destinationTown: string;
  originTown: string | null;
  distanceKm: number | null;
  distanceSource: "official" | "calculated";
  /** Absent for members without the special-category permission. */
  fewerOpportunities?: boolean;
  courseDays: number | null;
  inclusionRealCostCents?: number | null;
  expensiveTravelRealCostCents: number | null;
  linguisticSupport: boolean;
  pupilCount: number;
  persons: number;
  forceMajeure: boolean;
  notes: string | null;
  members: { participantId: string | null; role: "pupil" | "accompanying"; fewerOpportunities?: boolean; startDate: string | null; endDate: string | null; inclusionRealCostCents?: number | null }[];
}

/** A stored mobility as the form's values (the official km stays; a computed one is recomputed). */
export function toFormValues(m: StoredShape): MobilityFormValues {
  return {
    activityType: m.activityType,
    status: m.status,
    participantId: m.participantId ?? "",
    accompanying: m.accompanying,
    startDate: m.startDate,
    endDate: m.endDate,
    travelDays: String(m.travelDays),
    greenTravel: m.greenTravel,
    meansOfTransport: (m.meansOfTransport ?? "") as MobilityFormValues["meansOfTransport"],
    receivingOrganisation: m.receivingOrganisation,
    destinationCountry: m.destinationCountry,
    destinationTown: m.destinationTown,
    originTown: m.originTown ?? "",
    distanceKm: m.distanceSource === "official" ? intText(m.distanceKm) : "",
    fewerOpportunities: m.fewerOpportunities ?? false,
    courseDays: intText(m.courseDays),
    inclusionRealCostEur: euroText(m.inclusionRealCostCents ?? null),
    expensiveTravelRealCostEur: euroText(m.expensiveTravelRealCostCents),
    linguisticSupport: m.linguisticSupport,
    pupilCount: String(m.pupilCount),
    persons: String(m.persons),
    forceMajeure: m.forceMajeure,
    notes: m.notes ?? "",
    members: m.members.map((member) => ({
      participantId: member.participantId ?? "",
      role: member.role,
      fewerOpportunities: member.fewerOpportunities ?? false,
      startDate: member.startDate ?? "",
      endDate: member.endDate ?? "",
      inclusionRealCostEur: euroText(member.inclusionRealCostCents ?? null),
    })),
  };
}
