import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  customType,
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { GRANT_LINES, grantLineStem, mapLines, type GrantLine } from "../server/rules/grant-lines";
import { MOBILITY_STATUSES } from "../server/rules/statuses";
import type { RateOverrides } from "../server/rules/rates";
import { ACTIVITY_TYPES, type FigureSource, type GrantIssue } from "../server/rules/types";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/*
 * Every school-owned row carries `organisation_id`, and child rows reference their parent through a
 * composite (id, organisation_id) foreign key, so the database itself refuses a mobility that points
 * at another school's project or participant. Money is always integer cents.
 */

export const membershipRole = pgEnum("membership_role", ["coordinator", "teacher", "headteacher", "school_admin"]);
export const projectAction = pgEnum("project_action", ["KA121", "KA122", "KA210", "KA220"]);
export const projectStatus = pgEnum("project_status", ["draft", "running", "reporting", "closed"]);
export const participantKind = pgEnum("participant_kind", ["staff", "pupil"]);
export const activityType = pgEnum("activity_type", ACTIVITY_TYPES);
export const mobilityStatus = pgEnum("mobility_status", MOBILITY_STATUSES);
export const memberRole = pgEnum("mobility_member_role", ["pupil", "accompanying"]);
export const distanceSource = pgEnum("distance_source", ["calculated", "official"]);
export const evidenceKind = pgEnum("evidence_kind", [
  "attendance_certificate",
  "travel_proof",
  "learning_agreement",
  "participant_report",
]);
export const fileStorage = pgEnum("file_storage", ["postgres", "disk"]);
export const findingStatus = pgEnum("finding_status", ["open", "answered", "closed"]);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    oid: text("oid").notNull(),
    name: text("name").notNull(),
    country: text("country").notNull(),
    town: text("town").notNull(),
    naCode: text("na_code").notNull(),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("organisations_oid_key").on(t.oid),
    index("organisations_na_code_idx").on(t.naCode),
    check("organisations_oid_format", sql`${t.oid} ~ '^E[0-9]{8}$'`),
    check("organisations_country_format", sql`${t.country} ~ '^[A-Z]{2}$'`),
    check("organisations_na_code_format", sql`${t.naCode} ~ '^[A-Z]{2}[0-9]{2}$'`),
    check("organisations_name_not_blank", sql`length(trim(${t.name})) > 0`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** Platform-level role (null for school members and NA officers). */
    platformRole: text("platform_role"),
    /**
     * Sessions signed in before this moment are no longer accepted: set by a password reset and by
     * "sign out on every device" (server/services/sessions.ts). Null: every unexpired session counts.
     */
    sessionsValidFrom: timestamp("sessions_valid_from", { withTimezone: true }),
    /**
     * The language the user last chose (the language switch, accepting an invitation): e-mails to this
     * user are written in it. Null: never chosen; e-mails fall back to the sender's language.
     */
    locale: text("locale"),
    ...timestamps,
  },
  (t) => [
    check("users_locale_known", sql`${t.locale} is null or ${t.locale} in ('en', 'sl')`),
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    check("users_platform_role_known", sql`${t.platformRole} is null or ${t.platformRole} = 'platform_admin'`),
    check("users_name_not_blank", sql`length(trim(${t.name})) > 0`),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: membershipRole("role").notNull(),
    /** Special-category data (fewer opportunities, inclusion justifications): granted apart from the role. */
    specialCategoryAccess: boolean("special_category_access").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    unique("memberships_user_organisation_key").on(t.userId, t.organisationId),
    index("memberships_organisation_idx").on(t.organisationId),
  ],
);

export const naOfficers = pgTable(
  "na_officers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    naCode: text("na_code").notNull(),
    ...timestamps,
  },
  (t) => [
    unique("na_officers_user_na_key").on(t.userId, t.naCode),
    check("na_officers_na_code_format", sql`${t.naCode} ~ '^[A-Z]{2}[0-9]{2}$'`),
  ],
);

/*
 * One integer-cents column per grant line, derived from the engine's GRANT_LINES: the property
 * `<prefix><Line>Cents` is the column `<prefix>_<line_stem>_cents` (e.g. grantTravelCents,
 * grant_travel_cents). Services map lines to columns with the helpers below, never by hand.
 */
type LinePrefix = "grant" | "awarded";
type LineColumnKey<P extends LinePrefix, L extends GrantLine = GrantLine> = `${P}${Capitalize<L>}Cents`;
const centsColumn = (name: string) => integer(name).notNull().default(0);
type LineColumns<P extends LinePrefix> = { [L in GrantLine as LineColumnKey<P, L>]: ReturnType<typeof centsColumn> };

/** The SQL name of a grant line's column, e.g. ("grant", "travel") → grant_travel_cents. */
export const lineColumnName = (prefix: LinePrefix, line: GrantLine) => `${prefix}_${grantLineStem(line)}_cents`;
/** The Drizzle property of a grant line's column, e.g. ("grant", "travel") → grantTravelCents. */
export const lineColumnKey = <P extends LinePrefix>(prefix: P, line: GrantLine) =>
  `${prefix}${line.charAt(0).toUpperCase()}${line.slice(1)}Cents` as LineColumnKey<P>;
/** SQL column names per line (for raw SQL aggregates). */
export const GRANT_COLUMN = mapLines((line) => lineColumnName("grant", line));
export const AWARDED_COLUMN = mapLines((line) => lineColumnName("awarded", line));

function lineColumns<P extends LinePrefix>(prefix: P): LineColumns<P> {
  // The keys are exactly the mapped type's keys (one per GRANT_LINES entry).
  return Object.fromEntries(GRANT_LINES.map((line) => [lineColumnKey(prefix, line), centsColumn(lineColumnName(prefix, line))])) as LineColumns<P>;
}

/** A row's cents per grant line, read from its `<prefix><Line>Cents` properties. */
export function linesOfRow<P extends LinePrefix>(prefix: P, row: Record<LineColumnKey<P>, number>) {
  return mapLines((line) => row[lineColumnKey(prefix, line)]);
}

/** The `<prefix><Line>Cents` properties for a row to insert or update, from cents per line. */
export function lineColumnValues<P extends LinePrefix>(prefix: P, lines: Readonly<Record<GrantLine, number>>): Record<LineColumnKey<P>, number> {
  return Object.fromEntries(GRANT_LINES.map((line) => [lineColumnKey(prefix, line), lines[line]])) as Record<LineColumnKey<P>, number>;
}

/** The `<prefix><Line>Cents` columns of a table, to select every line at once. */
export function lineColumnsOf<T extends Record<LineColumnKey<"grant">, unknown>>(table: T): Pick<T, LineColumnKey<"grant">> {
  return Object.fromEntries(GRANT_LINES.map((line) => [lineColumnKey("grant", line), table[lineColumnKey("grant", line)]])) as Pick<T, LineColumnKey<"grant">>;
}

/** `a::bigint + b + …` over columns, for the generated totals. */
const sumExpression = (columns: readonly string[]) => columns.map((c, i) => (i === 0 ? `${c}::bigint` : c)).join(" + ");

/** Awarded amounts per budget category, as in the grant agreement (integer cents, never negative). */
const awardedColumns = {
  ...lineColumns("awarded"),
  awardedLumpSumCents: integer("awarded_lump_sum_cents").notNull().default(0),
  /** Kept by the database itself, so no code adds up the categories by hand. */
  awardedTotalCents: bigint("awarded_total_cents", { mode: "number" })
    .notNull()
    .generatedAlwaysAs(sql.raw(sumExpression([...Object.values(AWARDED_COLUMN), "awarded_lump_sum_cents"]))),
};

export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    action: projectAction("action").notNull(),
    field: text("field").notNull().default("SCH"),
    projectNumber: text("project_number").notNull(),
    title: text("title").notNull(),
    callYear: integer("call_year").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    status: projectStatus("status").notNull().default("running"),
    ...awardedColumns,
    /** KA121 indicative targets (null where the grant agreement sets none). */
    targetParticipants: integer("target_participants"),
    targetFewerOpportunityParticipants: integer("target_fewer_opportunity_participants"),
    targetGreenTravelPercent: integer("target_green_travel_percent"),
    targetAverageDurationDays: integer("target_average_duration_days"),
    targetAccompanyingPersons: integer("target_accompanying_persons"),
    /** The NA rate set the project's grants were computed with (null: the shipped tables). */
    rateSetId: uuid("rate_set_id"),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("projects_project_number_key").on(t.projectNumber),
    unique("projects_id_organisation_key").on(t.id, t.organisationId),
    index("projects_organisation_idx").on(t.organisationId, t.callYear),
    check("projects_end_after_start", sql`${t.endDate} >= ${t.startDate}`),
    check("projects_call_year_range", sql`${t.callYear} between 2021 and 2027`),
    check("projects_field_sch", sql`${t.field} = 'SCH'`),
    check(
      "projects_number_format",
      sql`${t.projectNumber} ~ '^20[0-9]{2}-[1-9]-[A-Z]{2}[0-9]{2}-KA[0-9]{3}-(SCH|VET|ADU|HED|YOU)-[0-9]{9}$'`,
    ),
    check("projects_title_not_blank", sql`length(trim(${t.title})) > 0`),
    check(
      "projects_awarded_not_negative",
      sql`least(${sql.join([...GRANT_LINES.map((line) => t[lineColumnKey("awarded", line)]), t.awardedLumpSumCents], sql`, `)}) >= 0`,
    ),
  ],
);

export const participants = pgTable(
  "participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    kind: participantKind("kind").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email"),
    staffRole: text("staff_role"),
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    fewerOpportunities: boolean("fewer_opportunities").notNull().default(false),
    /** Special category: visible only to members with special-category access. */
    fewerOpportunitiesNote: text("fewer_opportunities_note"),
    /** When a pupil's personal data was anonymised under the retention rule (server/services/retention.ts). */
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    unique("participants_id_organisation_key").on(t.id, t.organisationId),
    index("participants_organisation_idx").on(t.organisationId, t.lastName),
    check("participants_names_not_blank", sql`length(trim(${t.firstName})) > 0 and length(trim(${t.lastName})) > 0`),
  ],
);

export const partnerOrganisations = pgTable(
  "partner_organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    oid: text("oid"),
    name: text("name").notNull(),
    country: text("country").notNull(),
    town: text("town").notNull(),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    unique("partner_organisations_id_organisation_key").on(t.id, t.organisationId),
    uniqueIndex("partner_organisations_name_key").on(t.organisationId, sql`lower(${t.name})`, t.country),
    check("partner_organisations_oid_format", sql`${t.oid} is null or ${t.oid} ~ '^E[0-9]{8}$'`),
    check("partner_organisations_country_format", sql`${t.country} ~ '^[A-Z]{2}$'`),
    check("partner_organisations_name_not_blank", sql`length(trim(${t.name})) > 0`),
  ],
);

/** The engine's grant lines for one mobility, stored so dashboards can aggregate in SQL (cents). */
const grantColumns = {
  ...lineColumns("grant"),
  grantTotalCents: bigint("grant_total_cents", { mode: "number" })
    .notNull()
    .generatedAlwaysAs(sql.raw(sumExpression(Object.values(GRANT_COLUMN)))),
  /** False while the engine reports an error (dates, durations, caps…): the lines are then 0. */
  grantEligible: boolean("grant_eligible").notNull().default(false),
  /**
   * Lines the engine could not compute because a figure is missing (e.g. daily rates nobody has
   * entered): stored as 0 cents, so every sum over them is a lower bound ("at least").
   */
  grantUnknownLines: text("grant_unknown_lines").array().$type<GrantLine[]>().notNull().default(sql`'{}'::text[]`),
  /** The engine's errors and warnings ({ code, params, field }[]) when the grant was computed. */
  grantIssues: jsonb("grant_issues").$type<GrantIssue[]>().notNull().default(sql`'[]'::jsonb`),
  /**
   * The figures the lines were computed with and where each came from (the project's grant
   * agreement, the NA's rate set, the default): { figure, line, origin, source, confidence }[].
   * Null: computed before sources were stored (recomputed once at start-up).
   */
  grantSources: jsonb("grant_sources").$type<FigureSource[]>(),
  grantComputedAt: timestamp("grant_computed_at", { withTimezone: true }),
};

export const mobilities = pgTable(
  "mobilities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").notNull(),
    projectId: uuid("project_id").notNull(),
    participantId: uuid("participant_id"),
    /**
     * The Beneficiary Module's "Mobility activity ID": editable, unique in the project; by default
     * `<last 6 digits of the project number>-MOB-<counter>` as BM makes it (domain doc §11).
     */
    // Left out of an insert, a trigger gives the project's next `…-MOB-nnnnn` (migration 0005).
    activityId: text("activity_id")
      .notNull()
      .$defaultFn(() => sql`default`),
    /** The Erasmus+ Mobility ID BM gives each mobility from call 2024 (domain doc §1); null until known. */
    erasmusMobilityId: text("erasmus_mobility_id"),
    activityType: activityType("activity_type").notNull(),
    accompanying: boolean("accompanying").notNull().default(false),
    status: mobilityStatus("status").notNull().default("planned"),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    travelDays: integer("travel_days").notNull().default(0),
    greenTravel: boolean("green_travel").notNull().default(false),
    receivingOrganisation: text("receiving_organisation").notNull(),
    destinationCountry: text("destination_country").notNull(),
    destinationTown: text("destination_town").notNull(),
    distanceKm: integer("distance_km"),
    distanceSource: distanceSource("distance_source").notNull().default("calculated"),
    originTown: text("origin_town"),
    partnerOrganisationId: uuid("partner_organisation_id"),
    meansOfTransport: text("means_of_transport"),
    fewerOpportunities: boolean("fewer_opportunities").notNull().default(false),
    courseDays: integer("course_days"),
    inclusionRealCostCents: integer("inclusion_real_cost_cents"),
    expensiveTravelRealCostCents: integer("expensive_travel_real_cost_cents"),
    linguisticSupport: boolean("linguistic_support").notNull().default(false),
    /** Group mobility of pupils: pupils counted without names (the Beneficiary Module allows it). */
    pupilCount: integer("pupil_count").notNull().default(0),
    /** Preparatory visit: persons on the visit (at most 3). */
    persons: integer("persons").notNull().default(1),
    forceMajeure: boolean("force_majeure").notNull().default(false),
    notes: text("notes"),
    ...grantColumns,
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    unique("mobilities_id_organisation_key").on(t.id, t.organisationId),
    unique("mobilities_activity_id_key").on(t.projectId, t.activityId),
    check("mobilities_activity_id_format", sql`${t.activityId} ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'`),
    check("mobilities_erasmus_mobility_id_format", sql`${t.erasmusMobilityId} is null or ${t.erasmusMobilityId} ~ '^20[0-9]{2}-[A-Z]{5}-[0-9]{4}-[A-Z0-9-]{20}$'`),
    foreignKey({
      name: "mobilities_partner_fk",
      columns: [t.partnerOrganisationId, t.organisationId],
      foreignColumns: [partnerOrganisations.id, partnerOrganisations.organisationId],
    }).onDelete("restrict"),
    index("mobilities_project_status_idx").on(t.projectId, t.status),
    check("mobilities_pupil_count_range", sql`${t.pupilCount} between 0 and 500`),
    check("mobilities_grant_sources_array", sql`${t.grantSources} is null or jsonb_typeof(${t.grantSources}) = 'array'`),
    check("mobilities_persons_range", sql`${t.persons} between 1 and 3`),
    check("mobilities_course_days_range", sql`${t.courseDays} is null or ${t.courseDays} between 0 and 365`),
    check(
      "mobilities_real_costs_not_negative",
      sql`coalesce(${t.inclusionRealCostCents}, 0) >= 0 and coalesce(${t.expensiveTravelRealCostCents}, 0) >= 0`,
    ),
    foreignKey({
      name: "mobilities_project_fk",
      columns: [t.projectId, t.organisationId],
      foreignColumns: [projects.id, projects.organisationId],
    }).onDelete("cascade"),
    foreignKey({
      name: "mobilities_participant_fk",
      columns: [t.participantId, t.organisationId],
      foreignColumns: [participants.id, participants.organisationId],
    }).onDelete("restrict"),
    index("mobilities_project_idx").on(t.projectId, t.startDate),
    index("mobilities_participant_idx").on(t.participantId),
    check("mobilities_end_after_start", sql`${t.endDate} >= ${t.startDate}`),
    check("mobilities_travel_days_range", sql`${t.travelDays} between 0 and 6`),
    check("mobilities_distance_not_negative", sql`${t.distanceKm} is null or ${t.distanceKm} >= 0`),
    check("mobilities_country_format", sql`${t.destinationCountry} ~ '^[A-Z]{2}$'`),
    check("mobilities_receiving_not_blank", sql`length(trim(${t.receivingOrganisation})) > 0`),
  ],
);

/** Named pupils of a group mobility and its further accompanying persons, with per-person differences. */
export const mobilityMembers = pgTable(
  "mobility_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").notNull(),
    mobilityId: uuid("mobility_id").notNull(),
    participantId: uuid("participant_id"),
    role: memberRole("role").notNull(),
    fewerOpportunities: boolean("fewer_opportunities").notNull().default(false),
    startDate: date("start_date", { mode: "string" }),
    endDate: date("end_date", { mode: "string" }),
    inclusionRealCostCents: integer("inclusion_real_cost_cents"),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    foreignKey({
      name: "mobility_members_mobility_fk",
      columns: [t.mobilityId, t.organisationId],
      foreignColumns: [mobilities.id, mobilities.organisationId],
    }).onDelete("cascade"),
    foreignKey({
      name: "mobility_members_participant_fk",
      columns: [t.participantId, t.organisationId],
      foreignColumns: [participants.id, participants.organisationId],
    }).onDelete("restrict"),
    index("mobility_members_mobility_idx").on(t.mobilityId),
    index("mobility_members_participant_idx").on(t.participantId),
    check("mobility_members_dates", sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`),
    check("mobility_members_accompanying_not_fewer", sql`not (${t.role} = 'accompanying' and ${t.fewerOpportunities})`),
  ],
);

export const files = pgTable(
  "files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    storage: fileStorage("storage").notNull(),
    content: bytea("content"),
    diskPath: text("disk_path"),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    unique("files_id_organisation_key").on(t.id, t.organisationId),
    check("files_size_range", sql`${t.sizeBytes} between 0 and 20971520`),
    check(
      "files_storage_consistent",
      sql`(${t.storage} = 'postgres' and ${t.content} is not null) or (${t.storage} = 'disk' and ${t.diskPath} is not null)`,
    ),
  ],
);

export const mobilityEvidence = pgTable(
  "mobility_evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").notNull(),
    mobilityId: uuid("mobility_id").notNull(),
    kind: evidenceKind("kind").notNull(),
    fileId: uuid("file_id"),
    done: boolean("done").notNull().default(false),
    note: text("note"),
    checkedBy: uuid("checked_by").references(() => users.id, { onDelete: "set null" }),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    unique("mobility_evidence_kind_key").on(t.mobilityId, t.kind),
    foreignKey({
      name: "mobility_evidence_mobility_fk",
      columns: [t.mobilityId, t.organisationId],
      foreignColumns: [mobilities.id, mobilities.organisationId],
    }).onDelete("cascade"),
    foreignKey({
      name: "mobility_evidence_file_fk",
      columns: [t.fileId, t.organisationId],
      foreignColumns: [files.id, files.organisationId],
    }).onDelete("restrict"),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: membershipRole("role").notNull(),
    specialCategoryAccess: boolean("special_category_access").notNull().default(false),
    /** SHA-256 of the single-use token; the token itself is only in the e-mail. */
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex("invitations_token_hash_key").on(t.tokenHash), index("invitations_organisation_idx").on(t.organisationId)],
);

export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex("password_resets_token_hash_key").on(t.tokenHash)],
);

/** Failed sign-ins per key ("account:<email>" or "ip:<address>") in the current window. */
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

/** An NA's own figures for a call year (e.g. individual-support daily rates), versioned. */
export const naRateSets = pgTable(
  "na_rate_sets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    naCode: text("na_code").notNull(),
    callYear: integer("call_year").notNull(),
    version: integer("version").notNull(),
    /** A RateOverrides object of the rules engine (figures with source and confidence). */
    figures: jsonb("figures").$type<RateOverrides>().notNull(),
    note: text("note"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    unique("na_rate_sets_version_key").on(t.naCode, t.callYear, t.version),
    check("na_rate_sets_na_code_format", sql`${t.naCode} ~ '^[A-Z]{2}[0-9]{2}$'`),
  ],
);

/**
 * A project's own grant agreement figures (issue 11): a RateOverrides object layered over the NA's
 * rate set (rules resolveRates { agreement }). Each save is a new version, never an overwrite.
 */
export const projectAgreementRates = pgTable(
  "project_agreement_rates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").notNull(),
    version: integer("version").notNull(),
    /** A RateOverrides object of the rules engine (figures with source and confidence). */
    figures: jsonb("figures").$type<RateOverrides>().notNull(),
    /** Where the figures are written, e.g. "Grant agreement, annex II". */
    source: text("source").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    unique("project_agreement_rates_version_key").on(t.projectId, t.version),
    foreignKey({ columns: [t.projectId, t.organisationId], foreignColumns: [projects.id, projects.organisationId], name: "project_agreement_rates_project_fk" }).onDelete("cascade"),
    check("project_agreement_rates_source_not_blank", sql`length(trim(${t.source})) > 0`),
    check("project_agreement_rates_version_positive", sql`${t.version} > 0`),
  ],
);

export const findings = pgTable(
  "findings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    naCode: text("na_code").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    projectId: uuid("project_id").notNull(),
    mobilityId: uuid("mobility_id"),
    title: text("title").notNull(),
    status: findingStatus("status").notNull().default("open"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    foreignKey({
      name: "findings_project_fk",
      columns: [t.projectId, t.organisationId],
      foreignColumns: [projects.id, projects.organisationId],
    }).onDelete("cascade"),
    foreignKey({
      name: "findings_mobility_fk",
      columns: [t.mobilityId, t.organisationId],
      foreignColumns: [mobilities.id, mobilities.organisationId],
    }).onDelete("restrict"),
    index("findings_na_idx").on(t.naCode, t.status),
    index("findings_organisation_idx").on(t.organisationId),
  ],
);

export const findingMessages = pgTable(
  "finding_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    findingId: uuid("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("finding_messages_finding_idx").on(t.findingId, t.createdAt)],
);

export const bmImportStatus = pgEnum("bm_import_status", ["analysed", "rejected", "queued", "running", "committed", "failed"]);

/**
 * An upload of a Beneficiary Module file: the file, its dry run and, once committed, its outcome.
 * It is also the job queue of the import (status `queued` → `running` → `committed`/`failed`),
 * claimed with `FOR UPDATE SKIP LOCKED`; see docs/decisions.md.
 */
export const bmImports = pgTable(
  "bm_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").notNull(),
    projectId: uuid("project_id").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    fileFormat: text("file_format").notNull(),
    fileBytes: bytea("file_bytes").notNull(),
    sha256: text("sha256").notNull(),
    /** The user's column choices for their own spreadsheet (header → field, null: ignore). */
    headerOverrides: jsonb("header_overrides").notNull().default(sql`'{}'::jsonb`),
    status: bmImportStatus("status").notNull(),
    totalRows: integer("total_rows").notNull().default(0),
    progress: integer("progress").notNull().default(0),
    /** The dry run: counts, per-row and per-cell issues, what would change. */
    dryRun: jsonb("dry_run").notNull(),
    /** The commit's outcome (counts) or its error key. */
    outcome: jsonb("outcome"),
    /** A running job whose lease has expired was interrupted (the process died); it is claimed again. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    createdAt: timestamps.createdAt,
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    foreignKey({
      name: "bm_imports_project_fk",
      columns: [t.projectId, t.organisationId],
      foreignColumns: [projects.id, projects.organisationId],
    }).onDelete("cascade"),
    index("bm_imports_project_idx").on(t.projectId, t.createdAt),
    index("bm_imports_queue_idx").on(t.status, t.createdAt),
    check("bm_imports_format", sql`${t.fileFormat} in ('xlsx', 'csv')`),
    check("bm_imports_size", sql`octet_length(${t.fileBytes}) <= 10485760`),
  ],
);

/** A school's remembered column mapping for its own spreadsheets (normalised header → field or null). */
export const bmColumnMappings = pgTable("bm_column_mappings", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  mapping: jsonb("mapping").notNull(),
  updatedAt: timestamps.updatedAt,
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** A call through the public API: the key that made it (actor_user_id is then null). */
    actorApiKeyId: uuid("actor_api_key_id").references((): AnyPgColumn => apiKeys.id, { onDelete: "restrict" }),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_organisation_idx").on(t.organisationId, t.createdAt),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type Participant = typeof participants.$inferSelect;
export type Mobility = typeof mobilities.$inferSelect;
export type MembershipRole = (typeof membershipRole.enumValues)[number];
export type PartnerOrganisation = typeof partnerOrganisations.$inferSelect;
export type MobilityMember = typeof mobilityMembers.$inferSelect;

/* ---------- the public API (/api/v1): keys, rate windows, webhooks; the job queue ---------- */

/**
 * An API key of one school (`organisation_id`) or one national agency (`na_code`), never both. The
 * secret is shown once; only its SHA-256 is stored (the token is 256 random bits, so a slow hash adds
 * nothing). `prefix` is the public part of the token (`mob_<prefix>_<secret>`), unique, for the lookup.
 * Keys are revoked, never deleted (the audit trail names them).
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "restrict" }),
    naCode: text("na_code"),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestamps.createdAt,
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_keys_prefix_key").on(t.prefix),
    index("api_keys_organisation_idx").on(t.organisationId),
    index("api_keys_na_idx").on(t.naCode),
    check("api_keys_one_tenant", sql`(${t.organisationId} is null) <> (${t.naCode} is null)`),
    check("api_keys_na_code_format", sql`${t.naCode} is null or ${t.naCode} ~ '^[A-Z]{2}[0-9]{2}$'`),
    check("api_keys_name_not_blank", sql`length(trim(${t.name})) > 0`),
    check("api_keys_scopes_not_empty", sql`cardinality(${t.scopes}) > 0`),
  ],
);

/** The rate limit's current window per key (one row per key), shared by every app instance. */
export const apiRateWindows = pgTable("api_rate_windows", {
  apiKeyId: uuid("api_key_id")
    .primaryKey()
    .references(() => apiKeys.id, { onDelete: "cascade" }),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

/**
 * A webhook subscription of one school or one NA. The secret signs every delivery (HMAC-SHA256); it is
 * stored as is (the app must sign with it) and shown once.
 */
export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    naCode: text("na_code"),
    url: text("url").notNull(),
    events: text("events").array().notNull(),
    secret: text("secret").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [
    index("webhooks_organisation_idx").on(t.organisationId),
    index("webhooks_na_idx").on(t.naCode),
    check("webhooks_one_tenant", sql`(${t.organisationId} is null) <> (${t.naCode} is null)`),
    check("webhooks_url_format", sql`${t.url} ~ '^https?://'`),
    check("webhooks_events_not_empty", sql`cardinality(${t.events}) > 0`),
  ],
);

export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", ["pending", "delivered", "failed"]);

/** One event for one subscription: the delivery log (attempts, last answer), sent by the job queue. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    payload: jsonb("payload").notNull(),
    status: webhookDeliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: timestamps.createdAt,
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt)],
);

export const jobStatus = pgEnum("job_status", ["queued", "running", "done", "failed"]);

/**
 * The app's job queue (server/jobs): rows are claimed with `FOR UPDATE SKIP LOCKED`, so any number of
 * app instances share it; a running job whose lease has expired (its process died) is claimed again.
 * A job is enqueued in the transaction of the change that causes it (an outbox): both or neither.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    queue: text("queue").notNull(),
    payload: jsonb("payload").notNull(),
    status: jobStatus("status").notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamps.createdAt,
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("jobs_due_idx").on(t.status, t.runAt),
    check("jobs_attempts_range", sql`${t.attempts} >= 0 and ${t.maxAttempts} > 0`),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
