/**
 * The calculator's state as it lives in the URL query string (so a link can be shared and a reload
 * shows the same result), and its translation into the input of `rules.estimate`. Pure: used by the
 * page on the server (to prefetch the estimate) and by the form in the browser.
 */
import { parseEuroToCents } from "@/server/schemas/money";
import { ESTIMATE_ACTIVITY_TYPES, ZEstimateInput, type TEstimateInput } from "@/server/schemas/rules";
import { CALL_YEARS, type ActivityType } from "@/server/rules/types";

export interface TCalculatorState {
  callYear: string;
  naCode: string;
  activityType: ActivityType;
  accompanying: boolean;
  startDate: string;
  endDate: string;
  travelDays: string;
  greenTravel: boolean;
  origin: string;
  originCountry: string;
  destination: string;
  distanceKm: string;
  destinationCountry: string;
  fewerOpportunities: boolean;
  inclusionRealCost: string;
  expensiveTravelRealCost: string;
  courseDays: string;
  linguisticSupport: boolean;
  persons: string;
}

type TextKey = { [K in keyof TCalculatorState]: TCalculatorState[K] extends string ? K : never }[keyof TCalculatorState];
type FlagKey = { [K in keyof TCalculatorState]: TCalculatorState[K] extends boolean ? K : never }[keyof TCalculatorState];

/** Short, readable query parameter names: `?year=2024&na=IS01&activity=SM-JOB-SHDW&km=600…`. */
const TEXT_PARAMS: Readonly<Record<Exclude<TextKey, "activityType">, string>> = {
  callYear: "year",
  naCode: "na",
  startDate: "start",
  endDate: "end",
  travelDays: "travel",
  origin: "from",
  originCountry: "fromCountry",
  destination: "to",
  distanceKm: "km",
  destinationCountry: "country",
  inclusionRealCost: "inclusion",
  expensiveTravelRealCost: "expensive",
  courseDays: "courseDays",
  persons: "persons",
};
const FLAG_PARAMS: Readonly<Record<FlagKey, string>> = {
  accompanying: "accompanying",
  greenTravel: "green",
  fewerOpportunities: "fewer",
  linguisticSupport: "linguistic",
};
const ACTIVITY_PARAM = "activity";

export const LATEST_CALL_YEAR: number = CALL_YEARS[CALL_YEARS.length - 1] ?? 2026;

export const EMPTY_STATE: TCalculatorState = {
  callYear: String(LATEST_CALL_YEAR),
  naCode: "",
  activityType: "SM-JOB-SHDW",
  accompanying: false,
  startDate: "",
  endDate: "",
  travelDays: "2",
  greenTravel: false,
  origin: "",
  originCountry: "",
  destination: "",
  distanceKm: "",
  destinationCountry: "",
  fewerOpportunities: false,
  inclusionRealCost: "",
  expensiveTravelRealCost: "",
  courseDays: "",
  linguisticSupport: false,
  persons: "",
};

function isActivityType(value: string): value is ActivityType {
  return (ESTIMATE_ACTIVITY_TYPES as readonly string[]).includes(value);
}

/** Anything with `get` (URLSearchParams, Next's ReadonlyURLSearchParams). */
interface ParamSource {
  get(name: string): string | null;
}

export function stateFromParams(params: ParamSource): TCalculatorState {
  const state: TCalculatorState = { ...EMPTY_STATE };
  for (const [key, name] of Object.entries(TEXT_PARAMS) as [keyof typeof TEXT_PARAMS, string][]) {
    const value = params.get(name);
    if (value !== null) state[key] = value.slice(0, 120);
  }
  for (const [key, name] of Object.entries(FLAG_PARAMS) as [FlagKey, string][]) {
    state[key] = params.get(name) === "1";
  }
  const activity = params.get(ACTIVITY_PARAM);
  if (activity !== null && isActivityType(activity)) state.activityType = activity;
  return state;
}

/** The query string of a state; empty and default-off values are left out to keep links short. */
export function paramsFromState(state: TCalculatorState): URLSearchParams {
  const params = new URLSearchParams();
  params.set("year", state.callYear);
  if (state.naCode.trim() !== "") params.set("na", state.naCode.trim());
  params.set(ACTIVITY_PARAM, state.activityType);
  for (const [key, name] of Object.entries(TEXT_PARAMS) as [keyof typeof TEXT_PARAMS, string][]) {
    if (key === "callYear" || key === "naCode") continue;
    const value = state[key].trim();
    if (value !== "") params.set(name, value);
  }
  for (const [key, name] of Object.entries(FLAG_PARAMS) as [FlagKey, string][]) {
    if (state[key]) params.set(name, "1");
  }
  return params;
}

/** What is still needed before there is anything to compute: shown as a gentle hint, not as errors. */
export type TMissing = "naCode" | "dates" | "destinationCountry" | "distance";

/** Fields whose value cannot be understood (e.g. a km figure that is not a number). */
export type TInvalidField =
  | "callYear"
  | "naCode"
  | "startDate"
  | "endDate"
  | "travelDays"
  | "distanceKm"
  | "destinationCountry"
  | "originCountry"
  | "inclusionRealCost"
  | "expensiveTravelRealCost"
  | "courseDays"
  | "persons";

export interface TCalculatorInput {
  /** The estimate input, when everything needed is there and understood. */
  input: TEstimateInput | null;
  missing: TMissing[];
  invalid: TInvalidField[];
  /** Where the km come from: entered by the person, the two towns, or nowhere yet. */
  distanceSource: "entered" | "towns" | null;
}

/** Whole numbers only, e.g. "2" (no signs, no decimals). */
function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** A km figure as typed: "600", "600.5" or "600,5" (decimals as on the EC calculator). */
function kilometres(text: string): number | null {
  if (!/^\d{1,5}(?:[.,]\d{1,2})?$/.test(text)) return null;
  const value = Number(text.replace(",", "."));
  return value <= 20_100 ? value : null;
}

/** EUR typed as text → cents (string work) → the EUR number the engine's input takes. */
function euros(text: string): number | null {
  const cents = parseEuroToCents(text);
  return cents === null || cents > 100_000_000 ? null : cents / 100;
}

/** Schema paths → the form field that shows them (towns are checked with the distance). */
const SCHEMA_FIELDS: Readonly<Partial<Record<string, TInvalidField>>> = {
  callYear: "callYear",
  naCode: "naCode",
  startDate: "startDate",
  endDate: "endDate",
  travelDays: "travelDays",
  destinationCountry: "destinationCountry",
  origin: "originCountry",
  inclusionRealCostEur: "inclusionRealCost",
  expensiveTravelRealCostEur: "expensiveTravelRealCost",
  courseDays: "courseDays",
  persons: "persons",
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const NA_CODE = /^[A-Za-z]{2}\d{2}$/;

export function toEstimateInput(state: TCalculatorState): TCalculatorInput {
  const missing: TMissing[] = [];
  const invalid: TInvalidField[] = [];
  const text = (key: TextKey) => state[key].trim();

  const callYear = wholeNumber(text("callYear"), CALL_YEARS[0], LATEST_CALL_YEAR);
  if (callYear === null) invalid.push("callYear");

  const naCode = text("naCode").toUpperCase();
  if (naCode === "") missing.push("naCode");
  else if (!NA_CODE.test(naCode)) invalid.push("naCode");

  const startDate = text("startDate");
  const endDate = text("endDate");
  if (startDate === "" || endDate === "") missing.push("dates");
  if (startDate !== "" && !DATE.test(startDate)) invalid.push("startDate");
  if (endDate !== "" && !DATE.test(endDate)) invalid.push("endDate");

  const travelText = text("travelDays");
  const travelDays = travelText === "" ? 0 : wholeNumber(travelText, 0, 14);
  if (travelDays === null) invalid.push("travelDays");

  const destinationCountry = text("destinationCountry").toUpperCase();
  if (destinationCountry === "") missing.push("destinationCountry");
  else if (!COUNTRY.test(destinationCountry)) invalid.push("destinationCountry");

  const originCountry = text("originCountry").toUpperCase();
  if (originCountry !== "" && !COUNTRY.test(originCountry)) invalid.push("originCountry");

  // Entered km win over towns (the official calculator's figure decides the band).
  const kmText = text("distanceKm");
  const origin = text("origin");
  const destination = text("destination");
  const needsDistance = state.activityType !== "PREP-VISIT";
  let distanceKm: number | undefined;
  let distanceSource: TCalculatorInput["distanceSource"] = null;
  if (kmText !== "") {
    const km = kilometres(kmText);
    if (km === null) invalid.push("distanceKm");
    else distanceKm = km;
    distanceSource = "entered";
  } else if (origin !== "" && destination !== "") {
    distanceSource = "towns";
  } else if (needsDistance) {
    missing.push("distance");
  }

  const optionalNumber = (key: TextKey, field: TInvalidField, parse: (value: string) => number | null) => {
    const value = text(key);
    if (value === "") return undefined;
    const parsed = parse(value);
    if (parsed === null) invalid.push(field);
    return parsed ?? undefined;
  };
  const inclusionRealCostEur = optionalNumber("inclusionRealCost", "inclusionRealCost", euros);
  const expensiveTravelRealCostEur = optionalNumber("expensiveTravelRealCost", "expensiveTravelRealCost", (value) => {
    const eur = euros(value);
    return eur === null || eur === 0 ? null : eur;
  });
  const courseDays = optionalNumber("courseDays", "courseDays", (value) => wholeNumber(value, 1, 365));
  const persons = optionalNumber("persons", "persons", (value) => wholeNumber(value, 1, 30));

  if (missing.length > 0 || invalid.length > 0 || callYear === null || travelDays === null) {
    return { input: null, missing, invalid, distanceSource };
  }

  const candidate = {
    callYear,
    naCode,
    activityType: state.activityType,
    ...(state.accompanying ? { accompanying: true } : {}),
    startDate,
    endDate,
    travelDays,
    destinationCountry,
    ...(distanceKm !== undefined ? { distanceKm } : {}),
    ...(distanceSource === "towns"
      ? {
          origin: { name: origin, ...(originCountry !== "" ? { country: originCountry } : {}) },
          // The destination town is where the activity takes place: in the destination country.
          destination: { name: destination, country: destinationCountry },
        }
      : {}),
    ...(state.greenTravel ? { greenTravel: true } : {}),
    ...(state.fewerOpportunities ? { fewerOpportunities: true } : {}),
    ...(inclusionRealCostEur !== undefined ? { inclusionRealCostEur } : {}),
    ...(expensiveTravelRealCostEur !== undefined ? { expensiveTravelRealCostEur } : {}),
    ...(courseDays !== undefined ? { courseDays } : {}),
    ...(state.linguisticSupport ? { linguisticSupport: true } : {}),
    ...(persons !== undefined ? { persons } : {}),
  };
  // The same schema guards the procedure: whatever it refuses is shown as "not understood" here.
  const parsed = ZEstimateInput.safeParse(candidate);
  if (!parsed.success) {
    for (const problem of parsed.error.issues) invalid.push(SCHEMA_FIELDS[String(problem.path[0])] ?? "distanceKm");
    return { input: null, missing, invalid: [...new Set(invalid)], distanceSource };
  }
  return { input: parsed.data, missing, invalid, distanceSource };
}
