import { sql } from "drizzle-orm";
import {
  bigint,
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

/*
 * Every school-owned row carries `organisation_id`, and child rows reference their parent through a
 * composite (id, organisation_id) foreign key, so the database itself refuses a mobility that points
 * at another school's project or participant. Money is always integer cents.
 */

export const membershipRole = pgEnum("membership_role", ["coordinator", "teacher", "headteacher"]);
export const projectAction = pgEnum("project_action", ["KA121", "KA122", "KA210", "KA220"]);
export const projectStatus = pgEnum("project_status", ["draft", "running", "reporting", "closed"]);
export const participantKind = pgEnum("participant_kind", ["staff", "pupil"]);
export const activityType = pgEnum("activity_type", [
  "SM-JOB-SHDW",
  "SM-TTA",
  "SM-COUR-TRAIN",
  "LM-GRP-PUPIL",
  "LM-SHORT-PUPIL",
  "LM-LONG-PUPILS",
  "OA-INV-EXP",
  "OA-HOS-TTT",
  "PREP-VISIT",
]);
export const mobilityStatus = pgEnum("mobility_status", ["draft", "planned", "completed", "cancelled"]);

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
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
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

/** Awarded amounts per budget category, as in the grant agreement (integer cents, never negative). */
const awardedColumns = {
  awardedTravelCents: integer("awarded_travel_cents").notNull().default(0),
  awardedIndividualSupportCents: integer("awarded_individual_support_cents").notNull().default(0),
  awardedOrganisationalSupportCents: integer("awarded_organisational_support_cents").notNull().default(0),
  awardedCourseFeesCents: integer("awarded_course_fees_cents").notNull().default(0),
  awardedInclusionSupportCents: integer("awarded_inclusion_support_cents").notNull().default(0),
  awardedLinguisticSupportCents: integer("awarded_linguistic_support_cents").notNull().default(0),
  awardedExceptionalCostsCents: integer("awarded_exceptional_costs_cents").notNull().default(0),
  awardedPreparatoryVisitsCents: integer("awarded_preparatory_visits_cents").notNull().default(0),
  awardedLumpSumCents: integer("awarded_lump_sum_cents").notNull().default(0),
  /** Kept by the database itself, so no code adds up the categories by hand. */
  awardedTotalCents: bigint("awarded_total_cents", { mode: "number" })
    .notNull()
    .generatedAlwaysAs(
      sql.raw(
        "awarded_travel_cents::bigint + awarded_individual_support_cents + awarded_organisational_support_cents + " +
          "awarded_course_fees_cents + awarded_inclusion_support_cents + awarded_linguistic_support_cents + " +
          "awarded_exceptional_costs_cents + awarded_preparatory_visits_cents + awarded_lump_sum_cents",
      ),
    ),
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
      sql`least(${t.awardedTravelCents}, ${t.awardedIndividualSupportCents}, ${t.awardedOrganisationalSupportCents}, ${t.awardedCourseFeesCents}, ${t.awardedInclusionSupportCents}, ${t.awardedLinguisticSupportCents}, ${t.awardedExceptionalCostsCents}, ${t.awardedPreparatoryVisitsCents}, ${t.awardedLumpSumCents}) >= 0`,
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
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    unique("participants_id_organisation_key").on(t.id, t.organisationId),
    index("participants_organisation_idx").on(t.organisationId, t.lastName),
    check("participants_names_not_blank", sql`length(trim(${t.firstName})) > 0 and length(trim(${t.lastName})) > 0`),
  ],
);

export const mobilities = pgTable(
  "mobilities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").notNull(),
    projectId: uuid("project_id").notNull(),
    participantId: uuid("participant_id"),
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
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
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

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
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
