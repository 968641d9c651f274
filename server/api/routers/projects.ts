import { ZCreateProject, ZProjectRef, ZSetAgreementRates, ZUpdateProject } from "@/server/schemas/projects";
import { getAgreementRates, setAgreementRates } from "@/server/services/agreement-rates";
import { createProject, getProject, listProjects, updateProject } from "@/server/services/projects";
import { coordinatorProcedure, orgProcedure, orgRoleProcedure, router } from "../trpc";

export const projectsRouter = router({
  // meta.api: the public API (/api/v1) may call it with a key holding the scope (server/api/rest).
  list: orgProcedure.meta({ api: { scopes: ["read:projects"] } }).query(({ ctx }) => listProjects(ctx.db, ctx.actor)),
  get: orgProcedure.meta({ api: { scopes: ["read:projects"] } }).input(ZProjectRef).query(({ ctx, input }) => getProject(ctx.db, ctx.actor, input.projectId)),
  create: orgRoleProcedure("coordinator")
    .input(ZCreateProject)
    .mutation(({ ctx, input }) => createProject(ctx.db, ctx.actor, input)),
  update: orgRoleProcedure("coordinator")
    .input(ZUpdateProject)
    .mutation(({ ctx, input }) => updateProject(ctx.db, ctx.actor, input)),
  /** The project's grant-agreement rates: every member reads them (they explain the project's figures). */
  agreementRates: orgProcedure.input(ZProjectRef).query(({ ctx, input }) => getAgreementRates(ctx.db, ctx.actor, input.projectId)),
  setAgreementRates: coordinatorProcedure
    .input(ZSetAgreementRates)
    .mutation(({ ctx, input }) => setAgreementRates(ctx.db, ctx.actor, input)),
});
