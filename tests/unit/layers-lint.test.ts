import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/*
 * The layering (docs/architecture.md, "Layers") is enforced by eslint's import/no-restricted-paths:
 * lint a small file placed in each layer and check that a forbidden import is reported — and an
 * allowed one is not, so the rule is not simply failing everything.
 */

const eslint = new ESLint({ cwd: process.cwd() });

async function syntaxErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "import/no-restricted-paths").map((m) => m.message);
}

describe("the layers are checked by lint", { timeout: 120_000 }, () => {
  it("the rules engine imports neither the database nor services nor the API", async () => {
    expect(await layerErrors("server/rules/probe.ts", 'import { projects } from "@/db/schema";\nexport const x = projects;\n')).toHaveLength(1);
    expect(await layerErrors("server/rules/probe.ts", 'import { getDb } from "../services/projects";\nexport const x = getDb;\n')).toHaveLength(1);
    expect(await layerErrors("server/rules/probe.ts", 'import { centsToEur } from "./money";\nexport const x = centsToEur;\n')).toEqual([]);
  });

  it("services never import the API or the app", async () => {
    expect(await layerErrors("server/services/probe.ts", 'import { appRouter } from "@/server/api/root";\nexport const x = appRouter;\n')).toHaveLength(1);
    expect(await layerErrors("server/services/probe.ts", 'import { calculateMobilityGrant } from "@/server/rules";\nexport const x = calculateMobilityGrant;\n')).toEqual([]);
  });

  it("components never import the database or services", async () => {
    expect(await layerErrors("components/probe.tsx", 'import type { Db } from "@/db/client";\nexport type X = Db;\n')).toHaveLength(1);
    expect(await layerErrors("components/probe.tsx", 'import { listProjects } from "@/server/services/projects";\nexport const x = listProjects;\n')).toHaveLength(1);
    expect(await layerErrors("components/probe.tsx", 'import { ZLogMobility } from "@/server/schemas/mobilities";\nexport const x = ZLogMobility;\n')).toEqual([]);
  });

  it("the data layer never imports services, and server code never imports UI", async () => {
    expect(await layerErrors("db/probe.ts", 'import { storeProjectGrants } from "../server/services/mobility-grants";\nexport const x = storeProjectGrants;\n')).toHaveLength(1);
    expect(await layerErrors("server/probe.ts", 'import { Button } from "@/components/ui/button";\nexport const x = Button;\n')).toHaveLength(1);
  });

  it("nothing but lib/capabilities.ts decides by a role's name", async () => {
    const page = "app/(app)/s/[orgId]/probe/page.tsx";
    expect(await syntaxErrors(page, 'export const x = (role: string) => role === "coordinator";\n')).toHaveLength(1);
    expect(await syntaxErrors(page, 'export const x = (m: { role: string }) => "teacher" !== m.role;\n')).toHaveLength(1);
    expect(await syntaxErrors("components/probe.tsx", 'const READERS = ["coordinator", "headteacher"];\nexport const x = (role: string) => READERS.includes(role);\n')).toHaveLength(3);
    expect(await syntaxErrors("server/services/probe.ts", 'export const x = (actor: { role: string }) => actor.role !== "school_admin";\n')).toHaveLength(1);
    expect(await syntaxErrors(page, 'import { can } from "@/lib/capabilities";\nexport const x = can("coordinator", "audit.read");\n')).toEqual([]);
    expect(await syntaxErrors(page, 'export const x = (member: { role: string }) => member.role === "pupil";\n')).toEqual([]);
  });
});
