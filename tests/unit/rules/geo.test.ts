import { describe, expect, it } from "vitest";
import { estimateMobilityGrant, findTown, greatCircleKm, normaliseTownName, resolveDistance } from "@/server/rules";
import { baseInput } from "./fixtures";

describe("towns and great-circle distance", () => {
  it("Ljubljana → Vienna is about 277 km great-circle (278.36 between the GeoNames points)", async () => {
    const result = await estimateMobilityGrant(
      baseInput({ distanceKm: undefined, origin: { name: "Ljubljana", country: "SI" }, destination: { name: "Vienna" } }),
    );
    expect(result.details.distanceKm).toBeGreaterThanOrEqual(276);
    expect(result.details.distanceKm).toBeLessThanOrEqual(279);
    // whole km, truncated
    expect(result.details.distanceKm).toBe(278);
    expect(result.details.distanceBand).toBe("100-499");
    expect(result.lines.travel).toBe(211);
  });

  it("the official calculator's km wins over towns, and the band follows that km", async () => {
    const result = await estimateMobilityGrant(
      baseInput({ distanceKm: 500, origin: { name: "Ljubljana" }, destination: { name: "Vienna" } }),
    );
    expect(result.details.distanceKm).toBe(500);
    expect(result.details.distanceBand).toBe("500-1999");
  });

  it("a town that does not exist → TOWN_NOT_FOUND on that field", async () => {
    const result = await estimateMobilityGrant(
      baseInput({ distanceKm: undefined, origin: { name: "Qwzxyville" }, destination: { name: "Nowhereburg", country: "AT" } }),
    );
    expect(result.eligible).toBe(false);
    expect(result.errors.map((e) => [e.code, e.field, e.params?.town])).toEqual([
      ["TOWN_NOT_FOUND", "origin", "Qwzxyville"],
      ["TOWN_NOT_FOUND", "destination", "Nowhereburg"],
    ]);
  });

  it("looks the destination town up in the destination country unless it names its own", async () => {
    // Vienna in Austria, not one of the US Viennas
    const inAustria = await resolveDistance({ origin: { name: "Graz" }, destination: { name: "Vienna" }, destinationCountry: "AT" });
    expect(inAustria.km).toBeLessThan(200);
    const inUsa = await resolveDistance({ origin: { name: "Graz" }, destination: { name: "Vienna", country: "US" }, destinationCountry: "AT" });
    expect(inUsa.km).toBeGreaterThan(7000);
  });

  it("matches case- and diacritics-insensitively and prefers the most populous town", async () => {
    expect(normaliseTownName("  ŠKOFJA   Loka ")).toBe("skofja loka");
    expect((await findTown({ name: "KOLN" }))?.name).toBe("Köln");
    expect((await findTown({ name: "murska sobota", country: "si" }))?.country).toBe("SI");
    // several Falmouths; the English one is the largest, though not the first in the data
    expect((await findTown({ name: "Falmouth" }))?.country).toBe("GB");
    expect(await findTown({ name: "Ljubljana", country: "AT" })).toBeNull();
  });

  it("computes haversine with R = 6371 km", () => {
    // a quarter of a great circle: 2π × 6371 / 4
    expect(greatCircleKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 90 })).toBeCloseTo((Math.PI * 6371) / 2, 6);
    expect(greatCircleKm({ latitude: 46, longitude: 14 }, { latitude: 46, longitude: 14 })).toBe(0);
  });

  it("resolves nothing when neither km nor both towns are given", async () => {
    expect(await resolveDistance({ origin: { name: "Ljubljana" }, destinationCountry: "AT" })).toEqual({ km: null, errors: [] });
  });
});
