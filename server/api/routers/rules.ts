import { estimateMobilityGrant } from "@/server/rules";
import { ZEstimateInput } from "@/server/schemas/rules";
import { publicProcedure, router } from "../trpc";

export const rulesRouter = router({
  /** The public grant estimate: anyone may ask, no data of any school is involved. */
  estimate: publicProcedure.input(ZEstimateInput).query(({ input }) => estimateMobilityGrant(input)),
});
