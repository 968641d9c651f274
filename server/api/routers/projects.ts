import { ZCreateProject, ZProjectRef, ZUpdateProject } from "@/server/schemas/projects";
import { createProject, getProject, listProjects, updateProject } from "@/server/services/projects";
import { orgProcedure, orgRoleProcedure, router } from "../trpc";

export const projectsRouter = router({
  list: orgProcedure.query(({ ctx }) => listProjects(ctx.db, ctx.actor)),
  get: orgProcedure.input(ZProjectRef).query(({ ctx, input }) => getProject(ctx.db, ctx.actor, input.projectId)),
  create: orgRoleProcedure("coordinator")
    .input(ZCreateProject)
    .mutation(({ ctx, input }) => createProject(ctx.db, ctx.actor, input)),
  update: orgRoleProcedure("coordinator")
    .input(ZUpdateProject)
    .mutation(({ ctx, input }) => updateProject(ctx.db, ctx.actor, input)),
});
