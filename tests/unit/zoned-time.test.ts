import { describe, expect, it } from "vitest";
import { zonedDate, zonedDateTime } from "@/lib/zoned-time";

describe("times in the school's time zone", () => {
  it("shows winter time (UTC+1) and summer time (UTC+2) in Ljubljana", () => {
    expect(zonedDateTime(new Date("2026-01-15T10:05:09Z"), "Europe/Ljubljana")).toBe("2026-01-15 11:05:09");
    expect(zonedDateTime(new Date("2026-07-15T10:05:09Z"), "Europe/Ljubljana")).toBe("2026-07-15 12:05:09");
  });

  it("moves the calendar day across midnight and around the spring change of clocks", () => {
    expect(zonedDate(new Date("2026-12-31T23:30:00Z"), "Europe/Ljubljana")).toBe("2027-01-01");
    expect(zonedDateTime(new Date("2026-03-29T01:30:00Z"), "Europe/Ljubljana")).toBe("2026-03-29 03:30:00");
    expect(zonedDateTime(new Date("2026-03-29T00:30:00Z"), "Europe/Ljubljana")).toBe("2026-03-29 01:30:00");
  });

  it("writes midnight as 00, not 24", () => {
    expect(zonedDateTime(new Date("2026-05-01T22:00:00Z"), "Europe/Ljubljana")).toBe("2026-05-02 00:00:00");
  });
});
