import { createCallerFactory, router } from "./trpc";
import { meRouter } from "./routers/me";
import { mobilitiesRouter } from "./routers/mobilities";
import { participantsRouter } from "./routers/participants";
import { projectsRouter } from "./routers/projects";
import { rulesRouter } from "./routers/rules";

export const appRouter = router({
  me: meRouter,
  projects: projectsRouter,
  participants: participantsRouter,
  mobilities: mobilitiesRouter,
  rules: rulesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
