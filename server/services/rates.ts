import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { naRateSets } from "@/db/schema";
import { DEFAULT_RATES, withOverrides, type RateOverrides, type RateTables } from "@/server/rules";

/**
 * The rate tables the engine uses for a project: the shipped tables with the NA's own figures for
 * that call year layered on (the newest version an NA officer saved), so a figure an NA sets is used
 * at once.
 */
export async function ratesFor(db: DbOrTx, naCode: string, callYear: number): Promise<RateTables> {
  const [set] = await db
    .select({ figures: naRateSets.figures })
    .from(naRateSets)
    .where(and(eq(naRateSets.naCode, naCode), eq(naRateSets.callYear, callYear)))
    .orderBy(desc(naRateSets.version))
    .limit(1);
  return set ? withOverrides(DEFAULT_RATES, set.figures as RateOverrides) : DEFAULT_RATES;
}
