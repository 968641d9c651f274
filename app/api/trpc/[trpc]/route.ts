import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTRPCContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { withRequest } from "@/server/log";

const handler = (req: Request) =>
  withRequest(req, () => fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => createTRPCContext("http") }));

export { handler as GET, handler as POST };
