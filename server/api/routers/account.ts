import { ZAcceptInvitationNew, ZRequestPasswordReset, ZResetPassword, ZTokenRef } from "@/server/schemas/account";
import { acceptInvitationAsNewUser, acceptInvitationAsUser, inspectInvitation } from "@/server/services/invitations";
import { requestPasswordReset, resetPassword } from "@/server/services/password-resets";
import { protectedProcedure, publicProcedure, router } from "../trpc";

/** Reached from e-mail links: the token is the credential, so most of these need no session. */
export const accountRouter = router({
  inspectInvitation: publicProcedure.input(ZTokenRef).query(({ ctx, input }) => inspectInvitation(ctx.db, input.token)),
  acceptInvitationAsNewUser: publicProcedure
    .input(ZAcceptInvitationNew)
    .mutation(({ ctx, input }) => acceptInvitationAsNewUser(ctx.db, input)),
  acceptInvitation: protectedProcedure
    .input(ZTokenRef)
    .mutation(({ ctx, input }) => acceptInvitationAsUser(ctx.db, ctx.user.id, input.token)),
  requestPasswordReset: publicProcedure
    .input(ZRequestPasswordReset)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.db, input)),
  resetPassword: publicProcedure.input(ZResetPassword).mutation(({ ctx, input }) => resetPassword(ctx.db, input)),
});
