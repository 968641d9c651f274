import { describe, expect, it } from "vitest";
import {
  EMPTY_STATE,
  paramsFromState,
  stateFromParams,
  toEstimateInput,
  type TCalculatorState,
} from "@/app/calculator/_components/calculator-state";

const COMPLETE: TCalculatorState = {
  ...EMPTY_STATE,
  callYear: "2024",
  naCode: "is01",
  startDate: "2024-10-07",
  endDate: "2024-10-11",
  travelDays: "2",
  destinationCountry: "at",
  distanceKm: "600",
};

describe("calculator URL state", () => {
  it("survives a round trip through the query string", () => {
    const state: TCalculatorState = {
      ...COMPLETE,
      activityType: "SM-COUR-TRAIN",
      greenTravel: true,
      origin: "Ljubljana",
      originCountry: "SI",
      destination: "Vienna",
      inclusionRealCost: "250,50",
      courseDays: "4",
      linguisticSupport: true,
    };
    const query = paramsFromState(state).toString();
    expect(query).toContain("year=2024");
    expect(query).toContain("km=600");
    expect(query).toContain("green=1");
    expect(stateFromParams(new URLSearchParams(query))).toEqual(state);
  });

  it("ignores an unknown activity and keeps defaults for what is absent", () => {
    const state = stateFromParams(new URLSearchParams("activity=NOPE&na=SI01"));
    expect(state.activityType).toBe(EMPTY_STATE.activityType);
    expect(state.naCode).toBe("SI01");
    expect(state.travelDays).toBe("2");
  });
});

describe("calculator input", () => {
  it("turns a complete state into the estimate input, km winning over towns", () => {
    const result = toEstimateInput({ ...COMPLETE, origin: "Ljubljana", destination: "Vienna" });
    expect(result.missing).toEqual([]);
    expect(result.invalid).toEqual([]);
    expect(result.distanceSource).toBe("entered");
    expect(result.input).toEqual({
      callYear: 2024,
      naCode: "IS01",
      activityType: "SM-JOB-SHDW",
      startDate: "2024-10-07",
      endDate: "2024-10-11",
      travelDays: 2,
      destinationCountry: "AT",
      distanceKm: 600,
    });
  });

  it("uses the towns when no km are entered, the destination town in the country of the activity", () => {
    const result = toEstimateInput({ ...COMPLETE, distanceKm: "", origin: "Ljubljana", originCountry: "SI", destination: "Vienna" });
    expect(result.distanceSource).toBe("towns");
    expect(result.input).toMatchObject({
      origin: { name: "Ljubljana", country: "SI" },
      destination: { name: "Vienna", country: "AT" },
    });
    expect(result.input).not.toHaveProperty("distanceKm");
  });

  it("lists what is missing instead of computing", () => {
    const result = toEstimateInput(EMPTY_STATE);
    expect(result.input).toBeNull();
    expect(result.missing).toEqual(["naCode", "dates", "destinationCountry", "distance"]);
    expect(result.invalid).toEqual([]);
  });

  it("needs no distance for a preparatory visit", () => {
    const result = toEstimateInput({ ...COMPLETE, activityType: "PREP-VISIT", distanceKm: "", persons: "2" });
    expect(result.missing).toEqual([]);
    expect(result.input).toMatchObject({ activityType: "PREP-VISIT", persons: 2 });
  });

  it("marks entries it cannot understand", () => {
    const result = toEstimateInput({
      ...COMPLETE,
      naCode: "Slovenia",
      distanceKm: "six hundred",
      travelDays: "-1",
      inclusionRealCost: "12,3,4",
      expensiveTravelRealCost: "0",
      courseDays: "0",
    });
    expect(result.input).toBeNull();
    expect(result.invalid).toEqual(["naCode", "travelDays", "distanceKm", "inclusionRealCost", "expensiveTravelRealCost", "courseDays"]);
  });

  it("reads amounts typed the Slovenian way into EUR with cents", () => {
    const result = toEstimateInput({ ...COMPLETE, fewerOpportunities: true, inclusionRealCost: "1.234,56", distanceKm: "600,5" });
    expect(result.input).toMatchObject({ inclusionRealCostEur: 1234.56, distanceKm: 600.5, fewerOpportunities: true });
  });
});
