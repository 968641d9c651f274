import { describe, expect, it } from "vitest";
import { englishMessage } from "@/server/rules/english";

/*
 * The engine's English sentences never show a key, even for a name the message files do not have:
 * an activity code nobody translated stays its code (a code is what BM shows too), and a figure of
 * an unknown kind is called "figure" rather than printing its key.
 */
describe("the engine's English sentences for names it does not know", () => {
  it("keeps an untranslated activity code as the code", () => {
    expect(englishMessage("Not allowed for {activityType}.", { activityType: "XX-NEW-ACTIVITY" })).toBe("Not allowed for XX-NEW-ACTIVITY.");
  });

  it("names a figure of an unknown kind in words, not by its key", () => {
    const text = englishMessage("Missing: {rate}.", { rate: "brandNewFigure.SI01.x" });
    expect(text).not.toContain("brandNewFigure");
    expect(text).toMatch(/^Missing: \w/);
  });
});
