import { ZApiKeyRef, ZCreateNaApiKey, ZCreateSchoolApiKey, ZNaApiKeyList } from "@/server/schemas/api-keys";
import {
  createNaApiKey,
  createSchoolApiKey,
  listNaApiKeys,
  listSchoolApiKeys,
  revokeNaApiKey,
  revokeSchoolApiKey,
} from "@/server/services/api-keys";
import { naProcedure, orgProcedure, router } from "../trpc";

const integrationManagerProcedure = orgProcedure("integrations.manage");
const naIntegrationProcedure = naProcedure("na.integrations.manage");

/**
 * Keys of the public API (docs/api.md): a school's by its admin or coordinator, an NA's by its officers.
 * `create` answers the token once; lists never carry it (nor its hash).
 */
export const apiKeysRouter = router({
  list: integrationManagerProcedure.query(({ ctx }) => listSchoolApiKeys(ctx.db, ctx.actor)),
  create: integrationManagerProcedure.input(ZCreateSchoolApiKey).mutation(({ ctx, input }) => createSchoolApiKey(ctx.db, ctx.actor, input)),
  revoke: integrationManagerProcedure.input(ZApiKeyRef).mutation(({ ctx, input }) => revokeSchoolApiKey(ctx.db, ctx.actor, input.apiKeyId)),
  naList: naIntegrationProcedure.input(ZNaApiKeyList).query(({ ctx, input }) => listNaApiKeys(ctx.db, ctx.officer, input.naCode)),
  naCreate: naIntegrationProcedure.input(ZCreateNaApiKey).mutation(({ ctx, input }) => createNaApiKey(ctx.db, ctx.officer, input)),
  naRevoke: naIntegrationProcedure.input(ZApiKeyRef).mutation(({ ctx, input }) => revokeNaApiKey(ctx.db, ctx.officer, input.apiKeyId)),
});
