import type { TRPCError } from "@trpc/server";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, participants, projects } from "@/db/schema";
import { env } from "@/server/env";
import { anonymiseDueEverywhere } from "@/server/services/retention";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

/*
 * Retention: a pupil is anonymised RETENTION_YEARS after the last end date of their projects, once all
 * of them are closed; staff, money and other schools are untouched; the audit trail keeps a trace
 * without personal data and its earlier snapshots of the pupil lose the personal fields.
 */

const getDb = setupTestDatabase();
type TUser = Awaited<ReturnType<typeof createMember>>;

const isoDaysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const YEAR = 366;

interface TSchool {
  orgId: string;
  coordinator: TUser;
  pupils: Record<string, string>;
  lead: string;
  projects: Record<string, string>;
}

/** A school with pupils in an old closed project (due), a recent closed one (not yet due) and an open one. */
async function buildSchool(): Promise<TSchool> {
  const db = getDb();
  const orgId = (await createSchool(db, { country: "IS", town: "Reykjavik", naCode: "IS01" })).id;
  const coordinator = await createMember(db, orgId, "coordinator", { specialCategory: true });
  const caller = callerFor(db, coordinator);
  const lead = (await createStaff(db, orgId, "Lead")).id;
  const pupils: Record<string, string> = {};
  for (const name of ["old", "oldAndOpen", "recent", "never"]) {
    pupils[name] = (await caller.participants.create({
      orgId, kind: "pupil", firstName: `Eva${name}`, lastName: `Novak${name}`, email: `eva.${name}@example.test`,
      dateOfBirth: "2010-05-04", fewerOpportunities: true, fewerOpportunitiesNote: `Remote village ${name}`,
    })).id;
  }
  const years = env.RETENTION_YEARS;
  const spans = {
    old: [-(years + 2) * YEAR, -(years + 1) * YEAR],
    recent: [-2 * YEAR, -YEAR],
    open: [-100, 200],
  } as const;
  const ids: Record<string, string> = {};
  for (const [key, [from, to]] of Object.entries(spans)) {
    const project = await caller.projects.create({
      orgId, action: "KA122", projectNumber: projectNumber(2025, "KA122", "IS01"), title: `Project ${key}`, callYear: 2025,
      startDate: isoDaysFromToday(from), endDate: isoDaysFromToday(to), awarded: { ...zeroAwarded, travel: 1_000_000, individualSupport: 2_000_000 },
    });
    ids[key] = project.id;
  }
  const group = (projectId: string, from: number, memberPupils: string[]) =>
    caller.mobilities.log({
      orgId, projectId, participantId: lead, activityType: "LM-GRP-PUPIL", status: "completed", travelDays: 2,
      receivingOrganisation: "Partner school", startDate: isoDaysFromToday(from + 10), endDate: isoDaysFromToday(from + 14),
      destinationCountry: "DK", destinationTown: "Copenhagen", distanceKm: 2100, pupilCount: memberPupils.length,
      members: memberPupils.map((participantId) => ({ role: "pupil" as const, participantId, fewerOpportunities: true })),
    });
  await group(ids.old ?? "", spans.old[0], [pupils.old ?? "", pupils.oldAndOpen ?? ""]);
  await group(ids.recent ?? "", spans.recent[0], [pupils.recent ?? ""]);
  await group(ids.open ?? "", spans.open[0], [pupils.oldAndOpen ?? ""]);
  // Closing is the coordinator's report work elsewhere; here the projects are simply closed.
  await db.update(projects).set({ status: "closed" }).where(inArray(projects.id, [ids.old ?? "", ids.recent ?? ""]));
  return { orgId, coordinator, pupils, lead, projects: ids };
}

let a: TSchool;
let b: TSchool;
let headteacher: TUser;
let teacher: TUser;
let schoolAdmin: TUser;

beforeAll(async () => {
  a = await buildSchool();
  b = await buildSchool();
  const db = getDb();
  headteacher = await createMember(db, a.orgId, "headteacher");
  teacher = await createMember(db, a.orgId, "teacher");
  schoolAdmin = await createMember(db, a.orgId, "school_admin");
});

const rowsOf = (ids: string[]) => getDb().select().from(participants).where(inArray(participants.id, ids));

describe("retention", () => {
  it("shows the headteacher what will be anonymised and when, and teachers nothing", async () => {
    const list = await callerFor(getDb(), headteacher).retention.list({ orgId: a.orgId });
    expect(list.retentionYears).toBe(env.RETENTION_YEARS);
    const byId = new Map(list.pupils.map((pupil) => [pupil.participantId, pupil]));
    const old = byId.get(a.pupils.old ?? "");
    expect(old?.due).toBe(true);
    expect(old?.dueDate).toBe(`${Number(old?.lastProjectEndDate.slice(0, 4)) + env.RETENTION_YEARS}${old?.lastProjectEndDate.slice(4)}`);
    expect(byId.get(a.pupils.recent ?? "")).toMatchObject({ due: false, openProjects: 0 });
    expect(byId.get(a.pupils.recent ?? "")?.dueDate).not.toBeNull();
    expect(byId.get(a.pupils.oldAndOpen ?? "")).toMatchObject({ due: false, dueDate: null, openProjects: 1, projects: 2 });
    // A pupil without a mobility and the staff lead are not on the schedule; no other school's pupil is.
    expect(byId.has(a.pupils.never ?? "")).toBe(false);
    expect(byId.has(a.lead)).toBe(false);
    expect(list.pupils.every((pupil) => !Object.values(b.pupils).includes(pupil.participantId))).toBe(true);

    const refused = await callerFor(getDb(), teacher).retention.list({ orgId: a.orgId }).catch((e: unknown) => e);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
    const runByHead = await callerFor(getDb(), headteacher).retention.anonymiseDue({ orgId: a.orgId }).catch((e: unknown) => e);
    expect((runByHead as TRPCError).code).toBe("FORBIDDEN");
  });

  it("anonymises the due pupil only, keeps money and other schools, audits without personal data, and is idempotent", async () => {
    const db = getDb();
    const coordinator = callerFor(db, a.coordinator);
    const dashboards = async () =>
      Promise.all(Object.values(a.projects).map((projectId) => coordinator.dashboards.project({ orgId: a.orgId, projectId })));
    const before = await dashboards();
    const others = await rowsOf([...Object.values(a.pupils).filter((id) => id !== a.pupils.old), a.lead, ...Object.values(b.pupils)]);

    expect(await callerFor(db, schoolAdmin).retention.anonymiseDue({ orgId: a.orgId })).toEqual({ anonymised: 1 });

    const [anonymised] = await rowsOf([a.pupils.old ?? ""]);
    expect(anonymised).toMatchObject({
      firstName: "Anonymised", lastName: "Pupil", email: null, dateOfBirth: null, fewerOpportunitiesNote: null, fewerOpportunities: true,
    });
    expect(anonymised?.anonymisedAt).toBeInstanceOf(Date);
    // Everyone else (not due, staff, the other school) exactly as before.
    expect(await rowsOf(others.map((row) => row.id))).toEqual(expect.arrayContaining(others));
    // Money and counts: every dashboard of the school identical.
    expect(await dashboards()).toEqual(before);

    // The audit trail: one anonymise entry without personal data, and no earlier snapshot still names the pupil.
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "participant"), eq(auditLog.entityId, a.pupils.old ?? "")));
    const anonymise = entries.filter((entry) => entry.action === "participant.anonymise");
    expect(anonymise).toHaveLength(1);
    expect(entries.length).toBeGreaterThan(1);
    const text = JSON.stringify(entries);
    for (const personal of ["Evaold", "Novakold", "eva.old@example.test", "2010-05-04", "Remote village old"]) expect(text).not.toContain(personal);
    // Other pupils' audit snapshots keep their data (only the anonymised pupil's are redacted).
    const [kept] = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "participant"), eq(auditLog.entityId, a.pupils.recent ?? "")));
    expect(JSON.stringify(kept)).toContain("Evarecent");

    // A second run changes nothing and writes nothing.
    const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]?.n;
    const entriesBefore = await count();
    expect(await callerFor(db, a.coordinator).retention.anonymiseDue({ orgId: a.orgId })).toEqual({ anonymised: 0 });
    expect(await count()).toBe(entriesBefore);
    const list = await callerFor(db, headteacher).retention.list({ orgId: a.orgId });
    expect(list.anonymisedCount).toBe(1);
    expect(list.pupils.map((pupil) => pupil.participantId)).not.toContain(a.pupils.old);
  });

  it("keeps the audit trail append-only outside the anonymisation", async () => {
    const error = await getDb().execute(sql`update audit_log set action = 'x' where id = (select min(id) from audit_log)`).catch((e: unknown) => e);
    expect(String((error as Error).cause ?? error)).toContain("append-only");
  });

  it("the start-up run anonymises what is due in every school", async () => {
    const db = getDb();
    expect(await anonymiseDueEverywhere(db)).toBeGreaterThanOrEqual(1);
    const [inB] = await rowsOf([b.pupils.old ?? ""]);
    expect(inB?.anonymisedAt).toBeInstanceOf(Date);
    const [notDue] = await rowsOf([b.pupils.recent ?? ""]);
    expect(notDue?.anonymisedAt).toBeNull();
    expect(await anonymiseDueEverywhere(db)).toBe(0);
  });
});
