import { ZChangeRole, ZInvitationRef, ZInviteMember, ZMembershipRef, ZSetSpecialCategory } from "@/server/schemas/members";
import {
  changeMemberRole,
  inviteMember,
  listMembers,
  removeMember,
  revokeInvitation,
  setMemberSpecialCategory,
} from "@/server/services/members";
import { inviterProcedure, router, schoolAdminProcedure, schoolOverseerProcedure } from "../trpc";

export const membersRouter = router({
  /** Members and pending invitations: coordinator, headteacher, school admin. */
  list: schoolOverseerProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.actor)),
  /** School admin (any role); coordinator (teachers without special-category access). */
  invite: inviterProcedure.input(ZInviteMember).mutation(({ ctx, input }) => inviteMember(ctx.db, ctx.actor, input)),
  revokeInvitation: inviterProcedure
    .input(ZInvitationRef)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.actor, input.invitationId)),
  changeRole: schoolAdminProcedure.input(ZChangeRole).mutation(({ ctx, input }) => changeMemberRole(ctx.db, ctx.actor, input)),
  setSpecialCategory: schoolAdminProcedure
    .input(ZSetSpecialCategory)
    .mutation(({ ctx, input }) => setMemberSpecialCategory(ctx.db, ctx.actor, input)),
  remove: schoolAdminProcedure.input(ZMembershipRef).mutation(({ ctx, input }) => removeMember(ctx.db, ctx.actor, input.membershipId)),
});
