import type { AnyProcedure } from "@trpc/server";
import { appRouter } from "@/server/api/root";
import type { Meta } from "@/server/api/trpc";

export interface TProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  /** The zod schemas the procedure's input passes (the chain's `.input()`s, in order). */
  inputs: unknown[];
  meta: Meta | undefined;
}

function isProcedure(value: unknown): value is AnyProcedure {
  return typeof value === "function" && "_def" in value && typeof value._def === "object" && value._def !== null && "type" in value._def;
}

/** Every procedure of appRouter, walked at run time (tests that must cover the whole API). */
export function listProcedures(): TProcedureInfo[] {
  const out: TProcedureInfo[] = [];
  for (const [path, value] of Object.entries(appRouter._def.procedures as object)) {
    if (!isProcedure(value)) continue;
    const def = value._def;
    const meta = def.meta as Meta | undefined;
    out.push({ path, type: def.type, inputs: [...def.inputs], meta });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
