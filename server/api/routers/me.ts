import { listMyNaCodes, listMyOrganisations } from "@/server/services/memberships";
import { protectedProcedure, router } from "../trpc";

export const meRouter = router({
  /** Who is signed in, which schools they belong to (with role) and which NAs they oversee. */
  context: protectedProcedure.query(async ({ ctx }) => ({
    user: ctx.user,
    organisations: await listMyOrganisations(ctx.db, ctx.user.id),
    naCodes: await listMyNaCodes(ctx.db, ctx.user.id),
  })),
});
