import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, mobilities, mobilityMembers, participants } from "@/db/schema";
import { setupTestDatabase } from "../helpers/db";
import { exportFile, importFile } from "../helpers/bm";
import { callerFor, createMember, createSchool, createStaff, projectNumber, zeroAwarded } from "../helpers/factories";

const getDb = setupTestDatabase();

/*
 * Export → import into an empty project gives the same mobilities, grants and dashboard; importing the
 * same file again changes nothing. An Icelandic school, so every grant line is known (IS01 rates).
 */
describe("the Beneficiary Module round trip", () => {
  let orgId: string;
  let coordinator: Awaited<ReturnType<typeof createMember>>;
  let source: { id: string; number: string };

  const newProject = async (action: "KA121" | "KA122" = "KA121") => {
    const number = projectNumber(2024, action, "IS01");
    const project = await callerFor(getDb(), coordinator).projects.create({
      orgId, action, projectNumber: number, title: "Project", callYear: 2024, startDate: "2024-09-01", endDate: "2025-11-30", awarded: zeroAwarded,
    });
    return { id: project.id, number };
  };

  beforeAll(async () => {
    const db = getDb();
    orgId = (await createSchool(db, { country: "IS", town: "Reykjavik", naCode: "IS01" })).id;
    coordinator = await createMember(db, orgId, "coordinator", { specialCategory: true });
    source = await newProject();
    const ana = await createStaff(db, orgId, "Novak");
    const bor = await createStaff(db, orgId, "Kos");
    await db.update(participants).set({ email: "bor.kos@school.is" }).where(eq(participants.id, bor.id));
    const [pupil] = await db.insert(participants).values({ organisationId: orgId, kind: "pupil", firstName: "Eva", lastName: "Horvat" }).returning();
    const caller = callerFor(db, coordinator);
    const base = {
      orgId, projectId: source.id, participantId: ana.id, activityType: "SM-JOB-SHDW" as const, startDate: "2024-10-07", endDate: "2024-10-11",
      travelDays: 2, receivingOrganisation: "Skola Helsinki", destinationCountry: "FI", destinationTown: "Helsinki", distanceKm: 2150,
    };
    await caller.mobilities.log({ ...base, status: "completed", greenTravel: true, meansOfTransport: "train" });
    await caller.mobilities.log({ ...base, participantId: bor.id, activityType: "SM-COUR-TRAIN", courseDays: 5, erasmusMobilityId: `2024-COURS-0001-${source.number.slice(-20)}` });
    await caller.mobilities.log({
      ...base, participantId: bor.id, activityType: "LM-GRP-PUPIL", startDate: "2024-11-04", endDate: "2024-11-08", pupilCount: 9, status: "completed",
      members: [
        { role: "pupil", participantId: pupil!.id, fewerOpportunities: true, inclusionRealCostCents: 12_050 },
        { role: "pupil", fewerOpportunities: false, startDate: "2024-11-05" },
        { role: "accompanying", participantId: ana.id },
      ],
    });
    await caller.mobilities.log({ ...base, activityType: "LM-SHORT-PUPIL", participantId: pupil!.id, startDate: "2025-03-01", endDate: "2025-03-14", fewerOpportunities: true, inclusionRealCostCents: 30_000, linguisticSupport: true });
    await caller.mobilities.log({ ...base, activityType: "PREP-VISIT", persons: 2, status: "draft" });
    await caller.mobilities.log({ ...base, activityType: "OA-INV-EXP", receivingOrganisation: "Universität Wien", destinationCountry: "AT", destinationTown: "Vienna", distanceKm: undefined, originTown: undefined });
  });

  /** What a mobility is, without the ids and numbers that belong to its project. */
  async function snapshot(projectId: string) {
    const db = getDb();
    const rows = await db.select().from(mobilities).where(and(eq(mobilities.projectId, projectId), eq(mobilities.organisationId, orgId)));
    const out = [];
    for (const row of rows) {
      const members = await db.select().from(mobilityMembers).where(eq(mobilityMembers.mobilityId, row.id));
      const { id: _i, projectId: _p, createdAt: _c, updatedAt: _u, grantComputedAt: _g, version: _v, activityId, erasmusMobilityId, distanceSource: _d, ...rest } = row;
      out.push({
        ...rest,
        counter: activityId.slice(-5),
        erasmusMobilityId: erasmusMobilityId?.slice(0, 15) ?? null,
        members: members.map(({ id: _m, mobilityId: _mm, createdAt: _mc, ...m }) => m),
      });
    }
    return out.sort((a, b) => a.counter.localeCompare(b.counter));
  }

  const retarget = (text: string, from: { number: string }, to: { number: string }) =>
    text.replaceAll(from.number, to.number).replaceAll(`${from.number.slice(-6)}-MOB-`, `${to.number.slice(-6)}-MOB-`).replaceAll(from.number.slice(-20), to.number.slice(-20));

  it.each(["csv", "xlsx"] as const)("export as %s → import into an empty project: the same mobilities, grants and dashboard; again: no change", async (format) => {
    const db = getDb();
    const target = await newProject();
    const { bytes } = await exportFile(db, coordinator, orgId, source.id, format);
    let file = bytes;
    if (format === "csv") file = new TextEncoder().encode(retarget(new TextDecoder().decode(bytes), source, target));
    else {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
      workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => {
        if (typeof cell.value === "string") cell.value = retarget(cell.value, source, target);
      }));
      file = new Uint8Array(await workbook.xlsx.writeBuffer());
    }
    const peopleBefore = (await db.select().from(participants).where(eq(participants.organisationId, orgId))).length;

    const first = await importFile(db, coordinator, orgId, target.id, file, `bm.${format}`);
    expect(first.result.status).toBe("committed");
    expect(first.result.outcome).toMatchObject({ created: 6, updated: 0, participantsCreated: 0 });
    expect(await snapshot(target.id)).toEqual(await snapshot(source.id));
    expect((await db.select().from(participants).where(eq(participants.organisationId, orgId))).length).toBe(peopleBefore);

    const caller = callerFor(db, coordinator);
    const [a, b] = await Promise.all([caller.dashboards.project({ orgId, projectId: source.id }), caller.dashboards.project({ orgId, projectId: target.id })]);
    const strip = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll(source.id, "P").replaceAll(target.id, "P").replaceAll(source.number, "N").replaceAll(target.number, "N"));
    const withoutIds = (d: unknown) => JSON.parse(JSON.stringify(strip(d), (key, value) => (key === "id" || key === "mobilityId" || key === "title" ? undefined : value)));
    expect(withoutIds(b)).toEqual(withoutIds(a));

    const auditBefore = (await db.select().from(auditLog).where(eq(auditLog.organisationId, orgId))).length;
    const second = await importFile(db, coordinator, orgId, target.id, file, `bm.${format}`);
    expect(second.upload.ok && second.upload.dryRun).toMatchObject({ create: 0, update: 0, unchanged: 6, errors: 0 });
    expect(second.result.outcome).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect(await snapshot(target.id)).toEqual(await snapshot(source.id));
    // The no-op import leaves one summary entry and touches no mobility.
    const auditAfter = await db.select().from(auditLog).where(eq(auditLog.organisationId, orgId));
    expect(auditAfter.length - auditBefore).toBe(1);
  });

  it("exports only completed mobilities when asked, and blanks special-category columns without the permission", async () => {
    const db = getDb();
    const { data } = await exportFile(db, coordinator, orgId, source.id, "csv", true);
    const idColumn = data.headers.indexOf("Mobility activity ID");
    const leadRows = data.rows.filter((row) => !/-\d{2}$/.test(String(row[idColumn])));
    expect(leadRows).toHaveLength(2);

    const teacher = await createMember(db, orgId, "teacher");
    const { data: redacted } = await exportFile(db, teacher, orgId, source.id, "csv");
    for (const header of ["Participant with fewer opportunities", "Inclusion support for participants (real costs, EUR)", "Inclusion support (EUR)"]) {
      const index = redacted.headers.indexOf(header);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(redacted.rows.every((row) => row[index] === null)).toBe(true);
    }
    const full = data.headers.indexOf("Participant with fewer opportunities");
    expect(data.rows.some((row) => row[full] === "Yes")).toBe(true);
  });
});
