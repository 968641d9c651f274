import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { mobilities, participants } from "@/db/schema";
import { can } from "@/lib/capabilities";
import { AppError, forbidden, notFound } from "@/server/errors";
import type { Actor } from "./memberships";

/*
 * Permissions finer than a procedure's capability (lib/capabilities.ts, server/api/trpc.ts): what
 * depends on the row itself (whose mobility is this?) and the special-category permission live here, as
 * small functions every service calls the same way.
 */

/** What `canEditMobility` needs of a mobility: its school and the e-mail of its participant. */
export interface TMobilityOwnership {
  organisationId: string;
  /** The participant's e-mail: the traveller, or on a group mobility of pupils the lead accompanying person. */
  participantEmail: string | null;
}

const sameEmail = (a: string | null, b: string) => a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A coordinator edits every mobility of the school. A teacher edits a mobility only where they are its
 * participant — on a group mobility of pupils the participant is the lead accompanying person (the pupils
 * are not named) — matched by the e-mail of their account and of the school's participant row.
 * Headteachers and school admins edit none; another school's mobility nobody.
 */
export function canEditMobility(actor: Pick<Actor, "orgId" | "role" | "email">, mobility: TMobilityOwnership): boolean {
  if (mobility.organisationId !== actor.orgId) return false;
  if (can(actor.role, "mobility.editAny")) return true;
  return can(actor.role, "mobility.edit") && sameEmail(mobility.participantEmail, actor.email);
}

/**
 * Loads a mobility of the actor's school and checks `canEditMobility`: another school's (or no such)
 * mobility is NOT_FOUND, someone else's is FORBIDDEN. Call it inside the edit's transaction (with `tx`)
 * before changing anything; it returns the mobility's id, project and version.
 */
export async function assertCanEditMobility(db: DbOrTx, actor: Actor, mobilityId: string) {
  const [row] = await db
    .select({
      id: mobilities.id,
      projectId: mobilities.projectId,
      version: mobilities.version,
      organisationId: mobilities.organisationId,
      participantEmail: participants.email,
    })
    .from(mobilities)
    .leftJoin(
      participants,
      and(eq(participants.id, mobilities.participantId), eq(participants.organisationId, mobilities.organisationId)),
    )
    .where(and(eq(mobilities.id, mobilityId), eq(mobilities.organisationId, actor.orgId)));
  if (!row) throw notFound("mobilityNotFound");
  if (!canEditMobility(actor, row)) throw forbidden();
  return row;
}

/**
 * THE rule for a mobility's status (planned → completed …): the coordinator's alone, whichever way it
 * is asked — `mobilities.setStatus` (also coordinator-only by its procedure) or an edit through
 * `mobilities.update` that carries another status. A teacher edits their own mobility's details only.
 */
export function mayChangeMobilityStatus(actor: Pick<Actor, "role">): boolean {
  return can(actor.role, "mobility.setStatus");
}

export function assertMayChangeMobilityStatus(actor: Pick<Actor, "role">, from: string, to: string): void {
  if (from !== to && !mayChangeMobilityStatus(actor)) throw new AppError("FORBIDDEN", "forbidden", { status: ["statusCoordinatorOnly"] });
}

/**
 * Special-category fields, absent for members without the permission: fewer opportunities, the
 * inclusion justifications, and a mobility's inclusion-support grant line (it is paid only for
 * participants with fewer opportunities, so one mobility's amount tells who they are). Sums over many
 * mobilities (a project's budget per category, the dashboards) are not rows and stay visible.
 */
const SPECIAL_CATEGORY_FIELDS = ["fewerOpportunities", "fewerOpportunitiesNote", "inclusionRealCostCents", "grantInclusionSupportCents"] as const;
export type TSpecialCategoryField = (typeof SPECIAL_CATEGORY_FIELDS)[number];

/** The row as a member may see it: special-category fields optional in the type, and deleted for those without access. */
export type TRedacted<T> = Omit<T, TSpecialCategoryField> & Partial<Pick<T, Extract<keyof T, TSpecialCategoryField>>>;

const SPECIAL = new Set<string>(SPECIAL_CATEGORY_FIELDS);
/** The same fields as the rules engine names them in its issues (`RuleIssue.field`). */
const ENGINE_SPECIAL_FIELDS = new Set<string>(["fewerOpportunities", "inclusionRealCostEur"]);

/** Whether an engine issue about this field tells something special-category (who has fewer opportunities). */
export function isSpecialCategoryIssueField(field: string | undefined): boolean {
  return field !== undefined && (SPECIAL.has(field) || ENGINE_SPECIAL_FIELDS.has(field));
}

/**
 * A value without any special-category field at any depth (objects inside arrays inside objects …):
 * the one redaction for rows, nested rows (a group's members) and audit snapshots.
 */
export function withoutSpecialCategory(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpecialCategory);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (!SPECIAL.has(key)) out[key] = withoutSpecialCategory(inner);
  return out;
}

/** Whether the member may see and change special-category data (granted apart from the role, by a school admin). */
export function maySeeSpecialCategory(actor: Pick<Actor, "specialCategory">): boolean {
  return actor.specialCategory;
}

export function redactSpecialCategory<T extends object>(actor: Pick<Actor, "specialCategory">, row: T): TRedacted<T> {
  if (maySeeSpecialCategory(actor)) return row;
  return withoutSpecialCategory(row) as TRedacted<T>;
}

/** An audit snapshot (before/after) as this member may see it: special-category fields gone at every depth. */
export function redactAuditSnapshot(actor: Pick<Actor, "specialCategory">, snapshot: unknown): unknown {
  return maySeeSpecialCategory(actor) ? snapshot : withoutSpecialCategory(snapshot);
}
