import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projectAgreementRates, projects, users } from "@/db/schema";
import { conflict, notFound } from "@/server/errors";
import type { DailyRatesByGroup, IndividualSupportRates, RateOverrides } from "@/server/rules";
import type { TSetAgreementRates } from "@/server/schemas/projects";
import { recordAudit } from "./audit";
import type { Actor } from "./memberships";
import { loadProjectContext, storeProjectGrantsWith } from "./mobility-grants";
import { rateSetFor } from "./rates";

/*
 * A project's own grant agreement figures (issue 11): the daily rates for staff and pupils by
 * country group its agreement lists, with the source text. Each save is a NEW version of
 * project_agreement_rates (never an overwrite), layered over the NA's rate set by the one resolver
 * (services/rates.ts rateSetFor). Saving recomputes the project's stored grants in the same
 * transaction, under the project's row lock, with its audit entry.
 */

/** The full daily rates of groups 1, 2 and 3 (cents), or null where none apply. */
const dailyRateCents = (rates: DailyRatesByGroup | undefined): [number, number, number] | null =>
  rates ? [rates[1].full.value, rates[2].full.value, rates[3].full.value] : null;

type Origin = "agreement" | "na" | "shipped";

/** The agreement's versions, its newest figures, and the daily rates in force with where they come from. */
export async function getAgreementRates(db: Db, actor: Actor, projectId: string) {
  const [project] = await db
    .select({ id: projects.id, callYear: projects.callYear, rateSetId: projects.rateSetId })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organisationId, actor.orgId)));
  if (!project) throw notFound("projectNotFound");
  const versions = await db
    .select({ id: projectAgreementRates.id, version: projectAgreementRates.version, source: projectAgreementRates.source, createdAt: projectAgreementRates.createdAt, createdByName: users.name })
    .from(projectAgreementRates)
    .leftJoin(users, eq(users.id, projectAgreementRates.createdBy))
    .where(and(eq(projectAgreementRates.projectId, projectId), eq(projectAgreementRates.organisationId, actor.orgId)))
    .orderBy(desc(projectAgreementRates.version));
  const set = await rateSetFor(db, { naCode: actor.naCode, callYear: project.callYear, rateSetId: project.rateSetId, id: project.id, organisationId: actor.orgId });
  const individual = set.rates.individualSupport[actor.naCode]?.[project.callYear];
  const agreementIndividual = set.agreement?.figures.individualSupport?.[actor.naCode]?.[project.callYear];
  const naIndividual = set.naFigures?.individualSupport?.[actor.naCode]?.[project.callYear];
  const originOf = (kind: "staff" | "pupil"): Origin | null =>
    agreementIndividual?.[kind] ? "agreement" : naIndividual?.[kind] ? "na" : individual?.[kind] ? "shipped" : null;
  const inForce = (kind: "staff" | "pupil") => {
    const rates = individual?.[kind];
    return { cents: dailyRateCents(rates), source: rates?.[1].full.source ?? null, origin: originOf(kind) };
  };
  return {
    projectId: project.id,
    naCode: actor.naCode,
    callYear: project.callYear,
    newestVersion: versions[0]?.version ?? null,
    source: versions[0]?.source ?? null,
    versions,
    individualSupport: { staff: inForce("staff"), pupil: inForce("pupil") },
  };
}

/** Saves the agreement's daily rates as a new version and recomputes the project's stored grants. */
export async function setAgreementRates(db: Db, actor: Actor, input: TSetAgreementRates) {
  return db.transaction(async (tx) => {
    // The project lock: one writer of the project's figures and grants at a time.
    const [locked] = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, input.projectId), eq(projects.organisationId, actor.orgId)))
      .for("update");
    if (!locked) throw notFound("projectNotFound");
    const project = await loadProjectContext(tx, actor.orgId, input.projectId);
    if (!project) throw notFound("projectNotFound");
    const [newest] = await tx
      .select()
      .from(projectAgreementRates)
      .where(and(eq(projectAgreementRates.projectId, project.id), eq(projectAgreementRates.organisationId, actor.orgId)))
      .orderBy(desc(projectAgreementRates.version))
      .limit(1);
    if ((newest?.version ?? null) !== input.baseVersion) throw conflict();
    const version = (newest?.version ?? 0) + 1;
    const source = `${input.source} (project agreement rates v${version})`;
    const rate = (cents: number) => ({ full: { value: cents, source, confidence: "A" as const } });
    const daily = ([g1, g2, g3]: readonly [number, number, number]): DailyRatesByGroup => ({ 1: rate(g1), 2: rate(g2), 3: rate(g3) });
    const individual: IndividualSupportRates = { staff: daily(input.staff), pupil: daily(input.pupil) };
    const previous: RateOverrides = newest?.figures ?? {};
    const figures: RateOverrides = {
      ...previous,
      individualSupport: { [project.naCode]: { [project.callYear]: individual } },
    };
    const [created] = await tx
      .insert(projectAgreementRates)
      .values({ organisationId: actor.orgId, projectId: project.id, version, figures, source: input.source, createdBy: actor.userId })
      .returning();
    if (!created) throw new Error("insert returned no row");
    const stored = await storeProjectGrantsWith(tx, project, "pinned");
    await recordAudit(tx, actor, {
      action: "agreementRates.set",
      entityType: "project",
      entityId: project.id,
      before: newest ? { id: newest.id, version: newest.version, source: newest.source, individualSupport: previous.individualSupport?.[project.naCode]?.[project.callYear] ?? null } : null,
      after: {
        id: created.id, version, source: created.source, individualSupport: individual,
        changedMobilities: stored.changedMobilities, committedTotalCents: stored.budget.committed.totalCents,
      },
    });
    return { id: created.id, version, changedMobilities: stored.changedMobilities };
  });
}
