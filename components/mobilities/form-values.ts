import type { FieldErrors, Resolver } from "react-hook-form";
import { parseEuroToCents } from "@/server/schemas/money";
import {
  ZLogMobility,
  type MEANS_OF_TRANSPORT,
  type TActivityType,
  type TLogMobility,
  type TMobilityStatus,
} from "@/server/schemas/mobilities";

/*
 * What the mobility form holds: text for what people type (numbers, euros), turned into the API's
 * input (ZLogMobility, the same schema the server checks) by `toApiInput`.
 */

export interface MemberValues {
  participantId: string;
  role: "pupil" | "accompanying";
  fewerOpportunities: boolean;
  startDate: string;
  endDate: string;
  inclusionRealCostEur: string;
}

export interface MobilityFormValues {
  activityType: TActivityType;
  status: TMobilityStatus;
  participantId: string;
  accompanying: boolean;
  startDate: string;
  endDate: string;
  travelDays: string;
  greenTravel: boolean;
  meansOfTransport: "" | (typeof MEANS_OF_TRANSPORT)[number];
  receivingOrganisation: string;
  destinationCountry: string;
  destinationTown: string;
  originTown: string;
  distanceKm: string;
  fewerOpportunities: boolean;
  courseDays: string;
  inclusionRealCostEur: string;
  expensiveTravelRealCostEur: string;
  linguisticSupport: boolean;
  pupilCount: string;
  persons: string;
  forceMajeure: boolean;
  notes: string;
  members: MemberValues[];
}

export const EMPTY_MOBILITY: MobilityFormValues = {
  activityType: "SM-JOB-SHDW",
  status: "planned",
  participantId: "",
  accompanying: false,
  startDate: "",
  endDate: "",
  travelDays: "2",
  greenTravel: false,
  meansOfTransport: "",
  receivingOrganisation: "",
  destinationCountry: "",
  destinationTown: "",
  originTown: "",
  distanceKm: "",
  fewerOpportunities: false,
  courseDays: "",
  inclusionRealCostEur: "",
  expensiveTravelRealCostEur: "",
  linguisticSupport: false,
  pupilCount: "0",
  persons: "1",
  forceMajeure: false,
  notes: "",
  members: [],
};

const int = (text: string): number | undefined => {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
};
const cents = (text: string): number | undefined => {
  if (text.trim() === "") return undefined;
  return parseEuroToCents(text) ?? Number.NaN;
};
const text = (value: string) => (value.trim() === "" ? undefined : value);

/** The form's values as the API's input (unvalidated: ZLogMobility judges it). */
export function toApiInput(projectId: string, v: MobilityFormValues) {
  return {
    projectId,
    activityType: v.activityType,
    status: v.status,
    participantId: v.participantId,
    accompanying: v.accompanying,
    startDate: v.startDate,
    endDate: v.endDate,
    travelDays: int(v.travelDays) ?? Number.NaN,
    greenTravel: v.greenTravel,
    meansOfTransport: v.meansOfTransport === "" ? undefined : v.meansOfTransport,
    receivingOrganisation: v.receivingOrganisation,
    destinationCountry: v.destinationCountry,
    destinationTown: v.destinationTown,
    originTown: text(v.originTown),
    distanceKm: int(v.distanceKm),
    fewerOpportunities: v.fewerOpportunities,
    courseDays: v.activityType === "SM-COUR-TRAIN" ? int(v.courseDays) : undefined,
    inclusionRealCostCents: cents(v.inclusionRealCostEur),
    expensiveTravelRealCostCents: cents(v.expensiveTravelRealCostEur),
    linguisticSupport: v.linguisticSupport,
    pupilCount: v.activityType === "LM-GRP-PUPIL" ? (int(v.pupilCount) ?? 0) : 0,
    persons: v.activityType === "PREP-VISIT" ? (int(v.persons) ?? 1) : 1,
    forceMajeure: v.forceMajeure,
    notes: text(v.notes),
    members:
      v.activityType === "LM-GRP-PUPIL"
        ? v.members.map((m) => ({
            participantId: m.participantId === "" ? undefined : m.participantId,
            role: m.role,
            fewerOpportunities: m.role === "pupil" && m.fewerOpportunities,
            startDate: text(m.startDate),
            endDate: text(m.endDate),
            inclusionRealCostCents: cents(m.inclusionRealCostEur),
          }))
        : [],
  };
}

/** Fields whose API name differs from the form's (money typed in euros). */
const FORM_FIELD: Record<string, string> = {
  inclusionRealCostCents: "inclusionRealCostEur",
  expensiveTravelRealCostCents: "expensiveTravelRealCostEur",
};

export function formFieldOf(apiPath: string): string {
  const parts = apiPath.split(".");
  const last = parts.at(-1) ?? apiPath;
  if (FORM_FIELD[last]) parts[parts.length - 1] = FORM_FIELD[last];
  return parts.join(".");
}

export function parseMobility(projectId: string, values: MobilityFormValues) {
  return ZLogMobility.safeParse(toApiInput(projectId, values));
}

/** A react-hook-form resolver backed by the shared schema. */
export function mobilityResolver(projectId: string): Resolver<MobilityFormValues, unknown, TLogMobility> {
  return (values) => {
    const parsed = parseMobility(projectId, values);
    if (parsed.success) return { values: parsed.data, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of parsed.error.issues) {
      const key = formFieldOf(issue.path.join("."));
      errors[key] ??= { type: "validation", message: issue.message };
    }
    return { values: {}, errors: toNested(errors) as FieldErrors<MobilityFormValues> };
  };
}

function toNested(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split(".");
    let node: Record<string, unknown> = out;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}
