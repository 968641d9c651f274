import { estimateMobilityGrant, searchTowns } from "@/server/rules";
import { ZEstimateInput, ZTownSearch } from "@/server/schemas/rules";
import { publicProcedure, router } from "../trpc";

export const rulesRouter = router({
  /** The public grant estimate: anyone may ask, no data of any school is involved. */
  estimate: publicProcedure.input(ZEstimateInput).query(({ input }) => estimateMobilityGrant(input)),
  /** The town picker: towns whose name (English, local, without diacritics) starts with the query; bounded. */
  towns: publicProcedure
    .input(ZTownSearch)
    .query(({ input }) => searchTowns({ name: input.query, ...(input.country ? { country: input.country } : {}) }, input.limit)),
});
