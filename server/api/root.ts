import { createCallerFactory, router } from "./trpc";
import { meRouter } from "./routers/me";
import { mobilitiesRouter } from "./routers/mobilities";
import { participantsRouter } from "./routers/participants";
import { projectsRouter } from "./routers/projects";

export const appRouter = router({
  me: meRouter,
  projects: projectsRouter,
  participants: participantsRouter,
  mobilities: mobilitiesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
