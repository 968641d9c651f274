import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/safe-redirect";

describe("safeRedirectPath (finding 3: open redirect on /login?next=)", () => {
  it("refuses everything a browser could read as another host", () => {
    const attacks = [
      "//evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r/evil.example",
      "/ /evil.example", "/\u0000/evil.example", "https://evil.example", "http:/evil.example", "javascript:alert(1)",
      "evil.example", "/\\/evil.example", "/%5C", "\u2028//evil.example", "", "/".padEnd(2001, "a"),
    ];
    // `/%5Cevil.example` arrives decoded ("/\evil.example") from searchParams and form data: refused above;
    // left encoded it is an ordinary path of this site.
    for (const attack of attacks.filter((a) => a !== "/%5C")) expect(safeRedirectPath(attack), JSON.stringify(attack)).toBe("/");
    expect(safeRedirectPath("/%5Cevil.example")).toBe("/%5Cevil.example");
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(["/s/1"])).toBe("/");
  });

  it("keeps a path of this site with its query and fragment", () => {
    expect(safeRedirectPath("/s/4f0c/projects?tab=mobilities#list")).toBe("/s/4f0c/projects?tab=mobilities#list");
    expect(safeRedirectPath("/na")).toBe("/na");
    expect(safeRedirectPath("/s/../na")).toBe("/na");
  });
});
