import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mobilities, partnerOrganisations } from "@/db/schema";
import { conflict, notFound } from "@/server/errors";
import type { TCreatePartner, TUpdatePartner } from "@/server/schemas/partners";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";

const partnerView = {
  id: partnerOrganisations.id,
  oid: partnerOrganisations.oid,
  name: partnerOrganisations.name,
  country: partnerOrganisations.country,
  town: partnerOrganisations.town,
  version: partnerOrganisations.version,
};

/** The school's partner organisations with how many mobilities each has (one query). */
export async function listPartners(db: Db, actor: Actor) {
  return db
    .select({
      ...partnerView,
      mobilityCount: sql<number>`(select count(*)::int from ${mobilities} m where m.partner_organisation_id = "partner_organisations"."id")`,
    })
    .from(partnerOrganisations)
    .where(eq(partnerOrganisations.organisationId, actor.orgId))
    .orderBy(asc(partnerOrganisations.name));
}

export async function createPartner(db: Db, actor: Actor, input: TCreatePartner) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnerOrganisations)
      .values({ organisationId: actor.orgId, oid: input.oid ?? null, name: input.name, country: input.country, town: input.town })
      .returning(partnerView);
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, { action: "partner.create", entityType: "partner_organisation", entityId: row.id, after: row });
    return row;
  });
}

export async function updatePartner(db: Db, actor: Actor, input: TUpdatePartner) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select(partnerView)
      .from(partnerOrganisations)
      .where(and(eq(partnerOrganisations.id, input.partnerId), eq(partnerOrganisations.organisationId, actor.orgId)))
      .for("update");
    if (!before) throw notFound("partnerNotFound");
    if (before.version !== input.version) throw conflict();
    const [after] = await tx
      .update(partnerOrganisations)
      .set({ oid: input.oid ?? null, name: input.name, country: input.country, town: input.town, version: sql`${partnerOrganisations.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(partnerOrganisations.id, before.id), eq(partnerOrganisations.organisationId, actor.orgId)))
      .returning(partnerView);
    await recordAudit(tx, actor, { action: "partner.update", entityType: "partner_organisation", entityId: before.id, before, after });
    return after;
  });
}
