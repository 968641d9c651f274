import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "@/db/schema";
import { csvDialect } from "@/lib/csv";
import { toAuditCsv } from "@/server/services/audit-csv";
import { grantSpecialCategory, membershipIdOf } from "../helpers/access";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, projectNumber, zeroAwarded } from "../helpers/factories";

await vi.hoisted(async () => (await import("../helpers/mail")).useTemporaryDataDir());

const getDb = setupTestDatabase();

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

let school: string;
let otherSchool: string;
let coordinator: Awaited<ReturnType<typeof createMember>>;
let admin: Awaited<ReturnType<typeof createMember>>;
let headteacher: Awaited<ReturnType<typeof createMember>>;
let projectId: string;
let otherProjectId: string;

beforeAll(async () => {
  const db = getDb();
  school = (await createSchool(db)).id;
  otherSchool = (await createSchool(db)).id;
  coordinator = await createMember(db, school, "coordinator");
  admin = await createMember(db, school, "school_admin");
  headteacher = await createMember(db, school, "headteacher");
  const otherCoordinator = await createMember(db, otherSchool, "coordinator");
  const c = callerFor(db, coordinator);
  const base = { action: "KA122" as const, callYear: 2025, startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded };
  const project = await c.projects.create({ orgId: school, ...base, projectNumber: projectNumber(), title: "Before title" });
  projectId = project.id;
  await c.projects.update({ orgId: school, projectId, version: project.version, ...base, projectNumber: project.projectNumber, title: "After title", status: "running" });
  otherProjectId = (await c.projects.create({ orgId: school, ...base, projectNumber: projectNumber(), title: "Unrelated" })).id;
  await callerFor(db, otherCoordinator).projects.create({ orgId: otherSchool, ...base, projectNumber: projectNumber(), title: "Other school's" });
  await callerFor(db, admin).members.invite({ orgId: school, email: "audited@example.test", role: "teacher" });
});

describe("audit trail", () => {
  it("shows who, when, what and a field-by-field before/after, newest first", async () => {
    const trail = await callerFor(getDb(), headteacher).audit.list({ orgId: school, projectId });
    expect(trail.total).toBe(2);
    const [update, create] = trail.entries;
    expect(update).toMatchObject({ action: "project.update", entityType: "project", entityId: projectId, actorUserId: coordinator.id, actorName: coordinator.name, kind: "update" });
    expect(update?.changes).toEqual([{ field: "title", before: "Before title", after: "After title" }]);
    expect(create?.kind).toBe("create");
    expect(create?.changes.map((c) => c.field)).toContain("title");
    expect(JSON.stringify(trail)).not.toContain("Unrelated");
    // What the entry is about, in words, with the page it lives on (the project's current title).
    expect(update?.subject).toEqual({ name: "After title", path: `/projects/${projectId}` });
    expect(create?.subject).toEqual({ name: "After title", path: `/projects/${projectId}` });
  });

  it("reads like words: no references, hashes or storage keys, no bare UUIDs in any value", async () => {
    const db = getDb();
    const invited = (await callerFor(db, admin).audit.list({ orgId: school, entityType: "invitation" })).entries[0];
    expect(invited?.subject).toEqual({ name: "audited@example.test", path: "/members" });
    expect(invited?.changes.map((c) => c.field)).not.toContain("tokenHash");
    const fileId = "0b0c9a5e-7f7a-4c1e-9a34-5d1f2e3a4b5c";
    // Its own school, so the other tests' counts stay as they are.
    const elsewhere = (await createSchool(db)).id;
    const reader = await createMember(db, elsewhere, "school_admin");
    await db.insert(auditLog).values({
      organisationId: elsewhere, actorUserId: reader.id, action: "evidence.upload", entityType: "mobility_evidence", entityId: "e1",
      before: null,
      after: { kind: "travel_proof", fileId, checkedBy: fileId, done: false, file: { id: fileId, fileName: "ticket.pdf", sha256: "ab".repeat(32), storageKey: "k/1", size: 10 } },
    });
    const [entry] = (await callerFor(db, reader).audit.list({ orgId: elsewhere, entityType: "mobility_evidence" })).entries;
    expect([...(entry?.changes ?? [])].sort((x, y) => x.field.localeCompare(y.field))).toEqual([
      { field: "done", before: null, after: false },
      { field: "file", before: null, after: { fileName: "ticket.pdf", size: 10 } },
      { field: "kind", before: null, after: "travel_proof" },
    ]);
    expect(JSON.stringify(entry)).not.toContain(fileId);
  });

  it("filters by person, entity type and date range, and pages on the server", async () => {
    const caller = callerFor(getDb(), admin);
    const all = await caller.audit.list({ orgId: school, pageSize: 2, page: 1 });
    expect(all.total).toBe(4);
    expect(all.entries).toHaveLength(2);
    const second = await caller.audit.list({ orgId: school, pageSize: 2, page: 2 });
    expect(second.entries.map((e) => e.id)).not.toContain(all.entries[0]?.id);
    expect((await caller.audit.list({ orgId: school, actorUserId: admin.id })).entries.map((e) => e.action)).toEqual(["invitation.create"]);
    expect((await caller.audit.list({ orgId: school, entityType: "project" })).total).toBe(3);
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Ljubljana" });
    expect((await caller.audit.list({ orgId: school, from: today, to: today })).total).toBe(4);
    expect((await caller.audit.list({ orgId: school, to: "2020-01-01" })).total).toBe(0);
    expect(await codeOf(caller.audit.list({ orgId: school, from: "2025-02-01", to: "2025-01-01" }))).toBe("BAD_REQUEST");
    const options = await caller.audit.filterOptions({ orgId: school });
    expect(options.entityTypes).toEqual(["invitation", "project"]);
    expect(options.people.map((p) => p.id).sort()).toEqual([admin.id, coordinator.id].sort());
  });

  it("keeps other schools out, and teachers", async () => {
    const db = getDb();
    const teacher = await createMember(db, school, "teacher");
    expect(await codeOf(callerFor(db, teacher).audit.list({ orgId: school }))).toBe("FORBIDDEN");
    const otherAdmin = await createMember(db, otherSchool, "school_admin");
    expect(await codeOf(callerFor(db, otherAdmin).audit.list({ orgId: school }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(db, otherAdmin).audit.list({ orgId: otherSchool, projectId }))).toBe("NOT_FOUND");
    const theirs = await callerFor(db, otherAdmin).audit.export({ orgId: otherSchool });
    expect(theirs.map((e) => e.action)).toEqual(["project.create"]);
    expect(JSON.stringify(theirs)).not.toContain(otherProjectId);
  });

  it("hides special-category values from readers without the permission", async () => {
    const db = getDb();
    await callerFor(db, admin).members.setSpecialCategory({ orgId: school, membershipId: await membershipIdOf(db, headteacher.id, school), specialCategoryAccess: true });
    await db.insert(auditLog).values({
      organisationId: school, actorUserId: coordinator.id, action: "participant.update", entityType: "participant", entityId: "p1",
      before: { lastName: "Novak", fewerOpportunitiesNote: null }, after: { lastName: "Novak-Kos", fewerOpportunitiesNote: "health reasons" },
    });
    const seenByAdmin = await callerFor(db, admin).audit.list({ orgId: school, entityType: "participant" });
    expect(seenByAdmin.entries[0]?.changes).toEqual([{ field: "lastName", before: "Novak", after: "Novak-Kos" }]);
    await grantSpecialCategory(db, admin.id, school);
    const withPermission = await callerFor(db, admin).audit.list({ orgId: school, entityType: "participant" });
    expect(withPermission.entries[0]?.changes.map((c) => c.field)).toEqual(["lastName", "fewerOpportunitiesNote"]);
  });

  it("cannot be changed or deleted: the database refuses UPDATE and DELETE on audit_log", async () => {
    const db = getDb();
    const before = await db.select().from(auditLog);
    const refusal = async (statement: Promise<unknown>) => {
      try {
        await statement;
        return "allowed";
      } catch (error) {
        // drizzle wraps the driver's error: PostgreSQL's own message is its cause.
        return error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      }
    };
    expect(await refusal(db.execute(sql`update audit_log set action = 'forged'`))).toBe("audit_log is append-only");
    expect(await refusal(db.execute(sql`delete from audit_log`))).toBe("audit_log is append-only");
    expect(await refusal(db.execute(sql`truncate audit_log`))).toBe("audit_log is append-only");
    expect(await db.select().from(auditLog)).toEqual(before);
  });

  it("exports CSV with one line per changed field, formulas defused", async () => {
    const entries = await callerFor(getDb(), admin).audit.export({ orgId: school, projectId });
    const csv = toAuditCsv(
      [...entries, { ...entries[0]!, changes: [{ field: "title", before: "=HYPERLINK(\"x\")", after: "a,b" }] }],
      { time: "t", person: "p", email: "e", action: "a", entityType: "y", entityId: "i", field: "f", before: "b", after: "af" },
      csvDialect("en"),
    );
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("t,p,e,a,y,i,f,b,af");
    expect(lines.some((l) => l.includes("project.update") && l.endsWith(",title,Before title,After title"))).toBe(true);
    expect(lines.at(-1)).toContain(`"'=HYPERLINK(""x"")","a,b"`);
  });

  it("writes the Slovenian dialect (;) and each time as the school's clock showed it, not UTC", async () => {
    const entries = await callerFor(getDb(), admin).audit.export({ orgId: school, projectId });
    const winter = { ...entries[0]!, createdAt: new Date("2026-01-15T10:05:09Z"), changes: [{ field: "title", before: "a;b", after: "c" }] };
    const csv = toAuditCsv([winter], { time: "t", person: "p", email: "e", action: "a", entityType: "y", entityId: "i", field: "f", before: "b", after: "af" }, csvDialect("sl"));
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("t;p;e;a;y;i;f;b;af");
    // Europe/Ljubljana (MOBILO_TIME_ZONE's default) is UTC+1 in January.
    expect(lines[1]?.startsWith("2026-01-15 11:05:09;")).toBe(true);
    expect(lines[1]?.endsWith(';title;"a;b";c')).toBe(true);
  });
});
