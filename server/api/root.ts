import { createCallerFactory, router } from "./trpc";
import { accountRouter } from "./routers/account";
import { apiKeysRouter } from "./routers/api-keys";
import { webhooksRouter } from "./routers/webhooks";
import { auditRouter } from "./routers/audit";
import { bmRouter } from "./routers/bm";
import { dashboardsRouter } from "./routers/dashboards";
import { evidenceRouter } from "./routers/evidence";
import { findingsRouter } from "./routers/findings";
import { membersRouter } from "./routers/members";
import { meRouter } from "./routers/me";
import { naRouter } from "./routers/na";
import { mobilitiesRouter } from "./routers/mobilities";
import { participantsRouter } from "./routers/participants";
import { partnersRouter } from "./routers/partners";
import { projectsRouter } from "./routers/projects";
import { retentionRouter } from "./routers/retention";
import { rulesRouter } from "./routers/rules";

export const appRouter = router({
  me: meRouter,
  projects: projectsRouter,
  participants: participantsRouter,
  partners: partnersRouter,
  mobilities: mobilitiesRouter,
  rules: rulesRouter,
  evidence: evidenceRouter,
  members: membersRouter,
  account: accountRouter,
  audit: auditRouter,
  dashboards: dashboardsRouter,
  na: naRouter,
  findings: findingsRouter,
  retention: retentionRouter,
  bm: bmRouter,
  apiKeys: apiKeysRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
