import { ZCreateProject, ZProjectRef, ZSetAgreementRates, ZUpdateProject } from "@/server/schemas/projects";
import { getAgreementRates, setAgreementRates } from "@/server/services/agreement-rates";
import { createProject, getProject, listProjects, updateProject } from "@/server/services/projects";
import { orgProcedure, router } from "../trpc";

export const projectsRouter = router({
  // meta.api: the public API (/api/v1) may call it with a key holding the scope (server/api/rest).
  list: orgProcedure("school.read").meta({ api: { scopes: ["read:projects"] } }).query(({ ctx }) => listProjects(ctx.db, ctx.actor)),
  get: orgProcedure("school.read").meta({ api: { scopes: ["read:projects"] } }).input(ZProjectRef).query(({ ctx, input }) => getProject(ctx.db, ctx.actor, input.projectId)),
  create: orgProcedure("projects.manage")
    .input(ZCreateProject)
    .mutation(({ ctx, input }) => createProject(ctx.db, ctx.actor, input)),
  update: orgProcedure("projects.manage")
    .input(ZUpdateProject)
    .mutation(({ ctx, input }) => updateProject(ctx.db, ctx.actor, input)),
  /** The project's grant-agreement rates: every member reads them (they explain the project's figures). */
  agreementRates: orgProcedure("school.read").input(ZProjectRef).query(({ ctx, input }) => getAgreementRates(ctx.db, ctx.actor, input.projectId)),
  setAgreementRates: orgProcedure("projects.manage")
    .input(ZSetAgreementRates)
    .mutation(({ ctx, input }) => setAgreementRates(ctx.db, ctx.actor, input)),
});
