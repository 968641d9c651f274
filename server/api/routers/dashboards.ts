import { ZProjectRef } from "@/server/schemas/projects";
import { getProjectDashboard, getSchoolOverview } from "@/server/services/dashboards";
import { orgProcedure, router } from "../trpc";

/** Read-only views: every member of the school may see them (the headteacher included). */
export const dashboardsRouter = router({
  project: orgProcedure("school.read").meta({ api: { scopes: ["read:budgets"] } }).input(ZProjectRef).query(({ ctx, input }) => getProjectDashboard(ctx.db, ctx.actor, input.projectId)),
  schoolOverview: orgProcedure("school.read").query(({ ctx }) => getSchoolOverview(ctx.db, ctx.actor)),
});
