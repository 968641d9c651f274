import { describe, expect, it } from "vitest";
import { ZEstimateInput } from "@/server/schemas/rules";
import { ZIsoDate, ZOptionalText, ZRequiredText, ZSafeString } from "@/server/schemas/common";
import { translateDatabaseError } from "@/server/errors";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("shared zod primitives (finding 2: NUL bytes, control characters, the year 0000)", () => {
  it("refuses control characters in single-line text, and allows tab and line breaks only in multi-line text", () => {
    for (const bad of ["a\u0000b", "a\u0001", "x\u001by", "\u007f", "a\u0085b", "a\nb", "a\tb"]) {
      expect(messages(ZRequiredText(100).safeParse(bad)), JSON.stringify(bad)).toContain("controlCharacters");
    }
    expect(ZRequiredText(100, { multiline: true }).parse("line 1\r\n\tline 2")).toBe("line 1\r\n\tline 2");
    expect(messages(ZRequiredText(100, { multiline: true }).safeParse("a\u0000b"))).toContain("controlCharacters");
    expect(messages(ZOptionalText(100).safeParse("\u0000"))).toContain("controlCharacters");
    expect(messages(ZSafeString(100).safeParse("q\u0000"))).toContain("controlCharacters");
    // Surrounding whitespace is trimmed before the check: a pasted trailing tab is not an error.
    expect(ZRequiredText(100).parse("Ljubljana\t")).toBe("Ljubljana");
    expect(ZRequiredText(100).parse("Šola Žalec — ✓ 日本")).toBe("Šola Žalec — ✓ 日本");
  });

  it("accepts dates from 1900 to 2099 only", () => {
    for (const bad of ["0000-01-01", "1899-12-31", "2100-01-01", "9999-12-31", "2025-02-30", "20250-01-01"]) {
      expect(ZIsoDate.safeParse(bad).success, bad).toBe(false);
    }
    expect(messages(ZIsoDate.safeParse("0000-01-01"))).toContain("dateOutOfRange");
    for (const good of ["1900-01-01", "2025-10-06", "2099-12-31"]) expect(ZIsoDate.parse(good)).toBe(good);
  });

  it("the public estimate's own dates and town names follow the same rules", () => {
    const input = { callYear: 2025, naCode: "SI01", activityType: "SM-JOB-SHDW", startDate: "0000-01-01", endDate: "2025-10-10", travelDays: 2, destinationCountry: "AT", distanceKm: 380 };
    expect(ZEstimateInput.safeParse(input).success).toBe(false);
  });

  it("maps any data exception PostgreSQL still raises to a 400, never a 500", () => {
    for (const code of ["22021", "22P05", "22008", "22007", "22003", "22001", "54000"]) {
      expect(translateDatabaseError(Object.assign(new Error("pg"), { code }))?.code, code).toBe("BAD_REQUEST");
    }
    expect(translateDatabaseError(Object.assign(new Error("pg"), { code: "42P01" }))).toBeNull();
  });
});
