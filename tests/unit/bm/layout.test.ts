import { describe, expect, it } from "vitest";
import {
  BM_DICTIONARIES,
  BM_FIELDS,
  BM_TEMPLATES,
  defaultMobilityActivityId,
  latestTemplate,
  lookupDictionary,
  matchHeaders,
  parseCell,
  templateById,
} from "@/server/bm";

const template = latestTemplate("KA121");
const headersOf = (fields: string[]) => fields.map((f) => template.columns.find((c) => c.field === f)?.header ?? f);

describe("BM templates as data", () => {
  it.each(BM_TEMPLATES.map((t) => [t.id, t] as const))("%s: every column is sourced, known and unique", (_id, t) => {
    expect(t.source.length).toBeGreaterThan(0);
    const fields = t.columns.map((c) => c.field);
    expect(new Set(fields).size).toBe(fields.length);
    for (const column of t.columns) {
      expect(BM_FIELDS).toContain(column.field);
      expect(column.source.length).toBeGreaterThan(0);
      expect(["A", "B", "C", "U"]).toContain(column.confidence);
      expect(column.row2.length).toBeGreaterThan(0);
    }
    // BM's three mandatory columns (domain doc §11, A) are in every release.
    for (const field of ["dataType", "grantAgreementNo", "mobilityActivityId"] as const) {
      expect(t.columns.find((c) => c.field === field)?.mandatory).toBe(true);
    }
    expect(templateById(t.id)).toBe(t);
  });

  it("offers a template per action, the newest release for export", () => {
    expect(latestTemplate("KA121").id).toBe("KA121-SCH@2025.1");
    expect(latestTemplate("KA122").id).toBe("KA122-SCH@2025.1");
    expect(latestTemplate("KA121").columns.some((c) => c.field === "erasmusMobilityId")).toBe(true);
    expect(templateById("KA121-SCH@2023.2")?.columns.some((c) => c.field === "erasmusMobilityId")).toBe(false);
  });

  it("has every dictionary sourced, with unique codes", () => {
    for (const dictionary of Object.values(BM_DICTIONARIES)) {
      expect(dictionary.source.length).toBeGreaterThan(0);
      const codes = dictionary.entries.map((e) => e.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
    expect(lookupDictionary("country", "Slovenija")).toBe("SI");
    expect(lookupDictionary("country", "  germany ")).toBe("DE");
    expect(lookupDictionary("yesNo", "Da")).toBe("true");
    expect(lookupDictionary("activity", "sm-job-shdw")).toBe("SM-JOB-SHDW");
    expect(lookupDictionary("status", "Zaključena")).toBe("completed");
    expect(lookupDictionary("country", "Atlantis")).toBeNull();
  });
});

describe("matching row 1 by header name", () => {
  const all = template.columns.filter((c) => !c.exportOnly).map((c) => c.field);

  it("finds every field of the template, whatever the order", () => {
    const shuffled = [...all].reverse();
    const match = matchHeaders(template, headersOf(shuffled));
    expect(match.missingMandatory).toEqual([]);
    expect(match.unknown).toEqual([]);
    shuffled.forEach((field, index) => expect(match.fields.get(index)).toBe(field));
  });

  it("ignores added columns (warning) and accepts removed optional ones", () => {
    const headers = [...headersOf(all.filter((f) => f !== "greenTravel" && f !== "email")), "Our internal note"];
    const match = matchHeaders(template, headers);
    expect(match.missingMandatory).toEqual([]);
    expect(match.unknown).toEqual([{ index: headers.length - 1, header: "Our internal note" }]);
    expect([...match.fields.values()]).not.toContain("greenTravel");
  });

  it("reports a missing mandatory column", () => {
    const match = matchHeaders(template, headersOf(all.filter((f) => f !== "mobilityActivityId")));
    expect(match.missingMandatory.map((c) => c.field)).toEqual(["mobilityActivityId"]);
  });

  it("ignores case, spacing, accents and export-only columns; a second column of a field is a duplicate", () => {
    const match = matchHeaders(template, ["  DATA TYPE ", "grant agreement no", "Mobility Activity-ID", "Total grant (EUR)", "Data type", "Država"]);
    expect(match.fields.get(0)).toBe("dataType");
    expect(match.fields.get(1)).toBe("grantAgreementNo");
    expect(match.fields.get(2)).toBe("mobilityActivityId");
    expect(match.fields.has(3)).toBe(false);
    expect(match.unknown).toEqual([]);
    expect(match.duplicates).toEqual([{ index: 4, header: "Data type" }]);
    expect(match.fields.get(5)).toBe("receivingCountry");
  });

  it("reads a file of an older release with the newest template", () => {
    const old = templateById("KA121-SCH@2023.2");
    if (!old) throw new Error("missing release");
    const match = matchHeaders(template, old.columns.filter((c) => !c.exportOnly).map((c) => c.header));
    expect(match.unknown).toEqual([]);
    expect(match.fields.size).toBe(old.columns.filter((c) => !c.exportOnly).length);
  });

  it("lets the user map or ignore a column of their own spreadsheet", () => {
    const match = matchHeaders(template, ["Kdo gre", "Opombe"], { "Kdo gre": "lastName", Opombe: null });
    expect(match.fields.get(0)).toBe("lastName");
    expect(match.unknown).toEqual([]);
  });
});

describe("cells", () => {
  const date = { kind: "date" } as const;
  it("reads dates as Excel and people write them", () => {
    expect(parseCell(date, new Date(Date.UTC(2025, 2, 3)))).toEqual({ ok: true, value: "2025-03-03" });
    expect(parseCell(date, 45719)).toEqual({ ok: true, value: "2025-03-03" });
    expect(parseCell(date, "45719")).toEqual({ ok: true, value: "2025-03-03" });
    expect(parseCell(date, "03.03.2025")).toEqual({ ok: true, value: "2025-03-03" });
    expect(parseCell(date, "3. 3. 2025")).toEqual({ ok: true, value: "2025-03-03" });
    expect(parseCell(date, "03/03/2025")).toEqual({ ok: true, value: "2025-03-03" });
    expect(parseCell(date, "2025-03-03")).toEqual({ ok: true, value: "2025-03-03" });
    expect(parseCell(date, "31.02.2025")).toEqual({ ok: false, code: "date" });
    expect(parseCell(date, "tomorrow")).toEqual({ ok: false, code: "date" });
    expect(parseCell(date, 45719.5)).toEqual({ ok: false, code: "date" });
  });

  it("refuses formulas, reads empty cells as null", () => {
    expect(parseCell({ kind: "text", max: 10 }, { formula: "A1+B1" })).toEqual({ ok: false, code: "formula" });
    expect(parseCell({ kind: "text", max: 10 }, "   ")).toEqual({ ok: true, value: null });
    expect(parseCell({ kind: "text", max: 3 }, "abcd")).toEqual({ ok: false, code: "tooLong", params: { max: 3 } });
  });

  it("reads integers, amounts, e-mails and dictionaries", () => {
    expect(parseCell({ kind: "integer", min: 0, max: 6 }, "2")).toEqual({ ok: true, value: 2 });
    expect(parseCell({ kind: "integer", min: 0, max: 6 }, 7)).toEqual({ ok: false, code: "range", params: { min: 0, max: 6 } });
    expect(parseCell({ kind: "integer", min: 0, max: 6 }, "two")).toEqual({ ok: false, code: "integer" });
    expect(parseCell({ kind: "amount" }, "1.234,50")).toEqual({ ok: true, value: 123_450 });
    expect(parseCell({ kind: "amount" }, 12.5)).toEqual({ ok: true, value: 1250 });
    expect(parseCell({ kind: "amount" }, "abc")).toEqual({ ok: false, code: "amount" });
    expect(parseCell({ kind: "email" }, "Ana@School.si")).toEqual({ ok: true, value: "ana@school.si" });
    expect(parseCell({ kind: "email" }, "ana@")).toEqual({ ok: false, code: "email" });
    expect(parseCell({ kind: "dictionary", dictionary: "yesNo" }, "Ne")).toEqual({ ok: true, value: false });
    expect(parseCell({ kind: "dictionary", dictionary: "yesNo" }, true)).toEqual({ ok: true, value: true });
    expect(parseCell({ kind: "dictionary", dictionary: "activity" }, "Walking")).toEqual({ ok: false, code: "dictionary", params: { value: "Walking" } });
  });

  it("makes the default Mobility activity ID as BM does", () => {
    expect(defaultMobilityActivityId("2024-1-SI01-KA121-SCH-000005041", 1)).toBe("005041-MOB-00001");
  });
});
