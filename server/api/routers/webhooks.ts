import { ZCreateNaWebhook, ZCreateSchoolWebhook, ZNaApiKeyList, ZWebhookRef } from "@/server/schemas/api-keys";
import {
  createNaWebhook,
  createSchoolWebhook,
  listNaWebhookDeliveries,
  listNaWebhooks,
  listSchoolWebhookDeliveries,
  listSchoolWebhooks,
  removeNaWebhook,
  removeSchoolWebhook,
} from "@/server/services/webhooks";
import { naProcedure, orgProcedure, router } from "../trpc";

const integrationManagerProcedure = orgProcedure("integrations.manage");
const naIntegrationProcedure = naProcedure("na.integrations.manage");

/**
 * Webhook subscriptions and their delivery log (docs/api.md, "Webhooks"): a school's by its admin or
 * coordinator, an NA's by its officers. `create` answers the signing secret once.
 */
export const webhooksRouter = router({
  list: integrationManagerProcedure.query(({ ctx }) => listSchoolWebhooks(ctx.db, ctx.actor)),
  deliveries: integrationManagerProcedure.query(({ ctx }) => listSchoolWebhookDeliveries(ctx.db, ctx.actor)),
  create: integrationManagerProcedure.input(ZCreateSchoolWebhook).mutation(({ ctx, input }) => createSchoolWebhook(ctx.db, ctx.actor, input)),
  remove: integrationManagerProcedure.input(ZWebhookRef).mutation(({ ctx, input }) => removeSchoolWebhook(ctx.db, ctx.actor, input.webhookId)),
  naList: naIntegrationProcedure.input(ZNaApiKeyList).query(({ ctx, input }) => listNaWebhooks(ctx.db, ctx.officer, input.naCode)),
  naDeliveries: naIntegrationProcedure.input(ZNaApiKeyList).query(({ ctx, input }) => listNaWebhookDeliveries(ctx.db, ctx.officer, input.naCode)),
  naCreate: naIntegrationProcedure.input(ZCreateNaWebhook).mutation(({ ctx, input }) => createNaWebhook(ctx.db, ctx.officer, input)),
  naRemove: naIntegrationProcedure.input(ZWebhookRef).mutation(({ ctx, input }) => removeNaWebhook(ctx.db, ctx.officer, input.webhookId)),
});
