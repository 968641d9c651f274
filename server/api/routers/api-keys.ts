import { ZApiKeyRef, ZCreateNaApiKey, ZCreateSchoolApiKey, ZNaApiKeyList } from "@/server/schemas/api-keys";
import {
  createNaApiKey,
  createSchoolApiKey,
  listNaApiKeys,
  listSchoolApiKeys,
  revokeNaApiKey,
  revokeSchoolApiKey,
} from "@/server/services/api-keys";
import { integrationManagerProcedure, naProcedure, router } from "../trpc";

/**
 * Keys of the public API (docs/api.md): a school's by its admin or coordinator, an NA's by its officers.
 * `create` answers the token once; lists never carry it (nor its hash).
 */
export const apiKeysRouter = router({
  list: integrationManagerProcedure.query(({ ctx }) => listSchoolApiKeys(ctx.db, ctx.actor)),
  create: integrationManagerProcedure.input(ZCreateSchoolApiKey).mutation(({ ctx, input }) => createSchoolApiKey(ctx.db, ctx.actor, input)),
  revoke: integrationManagerProcedure.input(ZApiKeyRef).mutation(({ ctx, input }) => revokeSchoolApiKey(ctx.db, ctx.actor, input.apiKeyId)),
  naList: naProcedure.input(ZNaApiKeyList).query(({ ctx, input }) => listNaApiKeys(ctx.db, ctx.officer, input.naCode)),
  naCreate: naProcedure.input(ZCreateNaApiKey).mutation(({ ctx, input }) => createNaApiKey(ctx.db, ctx.officer, input)),
  naRevoke: naProcedure.input(ZApiKeyRef).mutation(({ ctx, input }) => revokeNaApiKey(ctx.db, ctx.officer, input.apiKeyId)),
});
