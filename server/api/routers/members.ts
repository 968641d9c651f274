import { ZChangeRole, ZInvitationRef, ZInviteMember, ZMembershipRef, ZSetSpecialCategory } from "@/server/schemas/members";
import {
  changeMemberRole,
  inviteMember,
  listMembers,
  removeMember,
  revokeInvitation,
  setMemberSpecialCategory,
} from "@/server/services/members";
import { orgProcedure, router } from "../trpc";

export const membersRouter = router({
  /** Members and pending invitations: coordinator, headteacher, school admin. */
  list: orgProcedure("members.read").query(({ ctx }) => listMembers(ctx.db, ctx.actor)),
  /** School admin (any role); coordinator (teachers without special-category access). */
  invite: orgProcedure("members.invite").input(ZInviteMember).mutation(({ ctx, input }) => inviteMember(ctx.db, ctx.actor, input)),
  revokeInvitation: orgProcedure("members.invite")
    .input(ZInvitationRef)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.actor, input.invitationId)),
  changeRole: orgProcedure("members.manage").input(ZChangeRole).mutation(({ ctx, input }) => changeMemberRole(ctx.db, ctx.actor, input)),
  setSpecialCategory: orgProcedure("members.manage")
    .input(ZSetSpecialCategory)
    .mutation(({ ctx, input }) => setMemberSpecialCategory(ctx.db, ctx.actor, input)),
  remove: orgProcedure("members.manage").input(ZMembershipRef).mutation(({ ctx, input }) => removeMember(ctx.db, ctx.actor, input.membershipId)),
});
