import { describe, expect, it } from "vitest";
import { CSV_BOM, csvAmount, csvLine, toCsv, type TCsvSeparator, type TCsvValue } from "@/lib/csv";

/** One cell as a line of one field writes it. */
const csvCell = (value: TCsvValue, separator: TCsvSeparator) => csvLine([value], separator).slice(0, -2);

describe("the one CSV writer (lib/csv.ts)", () => {
  it("defuses every text that a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const cell = csvCell(`${start}HYPERLINK("http://evil.example")`, ";");
      expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
    }
    expect(csvCell("=1+1", ",")).toBe("'=1+1");
    expect(csvCell("Ana", ",")).toBe("Ana");
  });

  it("writes numbers as numbers, negative ones included", () => {
    expect(csvCell(-3, ";")).toBe("-3");
    expect(csvCell(0, ",")).toBe("0");
    expect(csvCell(null, ",")).toBe("");
  });

  it("quotes a field that holds its separator, a quote or a line break, and only then", () => {
    expect(csvCell('Šola "Lipa"; Ljubljana', ";")).toBe('"Šola ""Lipa""; Ljubljana"');
    expect(csvCell("1234,56", ";")).toBe("1234,56");
    expect(csvCell("1234,56", ",")).toBe('"1234,56"');
    expect(csvCell("a\nb", ",")).toBe('"a\nb"');
    expect(csvCell("a;b", ",")).toBe("a;b");
  });

  it("ends lines in CRLF and starts a file with the BOM", () => {
    expect(csvLine(["a", 1, null], ";")).toBe("a;1;\r\n");
    expect(toCsv(["h1", "h2"], [["x", "=y"]], ",")).toBe(`${CSV_BOM}h1,h2\r\nx,'=y\r\n`);
  });

  it("writes cents as euros with two decimals, in the file's decimal separator", () => {
    expect(csvAmount(123_456, ",")).toBe("1234,56");
    expect(csvAmount(5, ".")).toBe("0.05");
    expect(csvAmount(-1_000, ",")).toBe("-10,00");
  });
});
