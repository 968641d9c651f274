import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTRPCContext } from "@/server/api/context";
import { TRPC_HTTP_OPTIONS } from "@/server/api/http-options";
import { withRequest } from "@/server/log";

const handler = (req: Request) =>
  withRequest(req, () => fetchRequestHandler({ ...TRPC_HTTP_OPTIONS, req, createContext: () => createTRPCContext("http") }));

export { handler as GET, handler as POST };
