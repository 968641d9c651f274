import { MEMBERSHIP_ROLES, type TMembershipRole } from "@/server/schemas/members";

/*
 * Who may do what: THE map from a role to its capabilities (docs/architecture.md, "Roles and who may
 * do what"). Procedures are built from a capability (`orgProcedure("members.manage")`, server/api/trpc.ts),
 * services ask `can(actor.role, …)` where a rule depends on the row, and pages and the navigation ask the
 * same question to decide what to show — the procedure still decides. Nothing else names a role to
 * decide something: lint refuses a comparison with a role name outside this file (eslint.config.mjs).
 *
 * The school roles (docs/decisions.md, "Roles"):
 *   coordinator  — edits everything of the school's projects;
 *   teacher      — reads the school's projects, edits only their own mobilities (services/permissions.ts);
 *   headteacher  — reads everything, signs off, edits nothing else;
 *   school_admin — manages the members.
 * An officer of a national agency is no member of a school: their tenant is their NA codes
 * (`naProcedure`, server/api/trpc.ts). The special-category permission is granted apart from the role
 * (services/permissions.ts).
 */

export type TSchoolRole = TMembershipRole;
/** An officer of a national agency (`na_officers`): not a school role, but a role with capabilities. */
export type TNaRole = "na_officer";
export type TRole = TSchoolRole | TNaRole;

export type TSchoolCapability =
  /** Read the school's projects, mobilities, dashboards, participants, partners and evidence. */
  | "school.read"
  /** Create and edit projects, and save a project's grant agreement figures. */
  | "projects.manage"
  /** Log a mobility, or duplicate one. */
  | "mobility.log"
  /** Edit mobilities at all: the coordinator every one, others only where `mobility.editAny` or the row allows (services/permissions.ts). */
  | "mobility.edit"
  /** Edit every mobility of the school, and hand a mobility to another participant. */
  | "mobility.editAny"
  /** Change a mobility's status (planned → completed …), by `setStatus` or an edit. */
  | "mobility.setStatus"
  | "mobility.delete"
  /** Tick evidence items and upload or remove evidence files (of the mobilities the member may edit). */
  | "evidence.edit"
  | "participants.manage"
  | "partners.manage"
  /** Import the Beneficiary Module's file into a project. */
  | "bm.import"
  /** See the team and the pending invitations. */
  | "members.read"
  /** Invite (and revoke invitations); whom exactly is `mayInvite`. */
  | "members.invite"
  /** Invite anyone, change roles and the special-category permission, remove members. */
  | "members.manage"
  | "audit.read"
  /** Read the national agency's findings about the school (and be notified of them). */
  | "findings.read"
  | "findings.reply"
  | "retention.read"
  /** Anonymise the pupils whose retention period has passed. */
  | "retention.run"
  /** Create and revoke the school's API keys and webhooks (the public API, docs/api.md). */
  | "integrations.manage";

export type TNaCapability =
  /** Read the NA's schools, portfolio, projects, mobilities and the audit report. */
  | "na.oversee"
  /** Open findings, write to the school, close them. */
  | "na.findings.manage"
  /** Enter the NA's rate sets and re-apply them to projects. */
  | "na.rates.manage"
  /** Create and revoke the NA's API keys and webhooks. */
  | "na.integrations.manage";
export type TCapability = TSchoolCapability | TNaCapability;

const ROLE_CAPABILITIES: { readonly [R in TRole]: readonly (R extends TNaRole ? TNaCapability : TSchoolCapability)[] } = {
  coordinator: [
    "school.read",
    "projects.manage",
    "mobility.log",
    "mobility.edit",
    "mobility.editAny",
    "mobility.setStatus",
    "mobility.delete",
    "evidence.edit",
    "participants.manage",
    "partners.manage",
    "bm.import",
    "members.read",
    "members.invite",
    "audit.read",
    "findings.read",
    "findings.reply",
    "retention.read",
    "retention.run",
    "integrations.manage",
  ],
  teacher: ["school.read", "mobility.edit", "evidence.edit"],
  headteacher: ["school.read", "members.read", "audit.read", "findings.read", "retention.read"],
  school_admin: ["school.read", "members.read", "members.invite", "members.manage", "audit.read", "retention.read", "retention.run", "integrations.manage"],
  na_officer: ["na.oversee", "na.findings.manage", "na.rates.manage", "na.integrations.manage"],
};

const GRANTED = new Map<TRole, ReadonlySet<TCapability>>(
  Object.entries(ROLE_CAPABILITIES).map(([role, capabilities]) => [role as TRole, new Set<TCapability>(capabilities)]),
);

/** Whether the role has the capability. No role (not a member, not signed in) has none. */
export function can(role: TRole | null | undefined, capability: TCapability): boolean {
  return role != null && (GRANTED.get(role)?.has(capability) ?? false);
}

/** The school roles that have the capability (e.g. whom to notify of a finding). */
export function schoolRolesWith(capability: TSchoolCapability): TSchoolRole[] {
  return MEMBERSHIP_ROLES.filter((role) => can(role, capability));
}

/** The one role a member with `members.invite` but not `members.manage` may hand out. */
export const INVITABLE_BY_INVITERS: TSchoolRole = "teacher";

/**
 * Whom a member may invite (and whose invitation revoke): with `members.manage` anyone; with
 * `members.invite` alone a teacher without the special-category permission.
 */
export function mayInvite(role: TRole | null | undefined, invitation: { role: TSchoolRole; specialCategoryAccess: boolean }): boolean {
  if (can(role, "members.manage")) return true;
  return can(role, "members.invite") && invitation.role === INVITABLE_BY_INVITERS && !invitation.specialCategoryAccess;
}

/**
 * The role a school's API key acts as inside the services (services/api-keys.ts `apiKeyActor`): a key
 * that writes mobilities needs the coordinator's capabilities (log, edit any, change the status); a
 * read-only key the headteacher's (reads everything, edits nothing). Which procedures a key reaches at
 * all is decided by its scopes (`meta.api`, server/api/trpc.ts), not by this role.
 */
export function apiKeyRole(writesMobilities: boolean): TSchoolRole {
  return writesMobilities ? "coordinator" : "headteacher";
}
