import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { mobilities, participants } from "@/db/schema";
import { createCallerFactory, naProcedure, router } from "@/server/api/trpc";
import { resolveActor, type Actor } from "@/server/services/memberships";
import { assertCanEditMobility, canEditMobility, redactSpecialCategory } from "@/server/services/permissions";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createOfficer, createSchool, projectNumber, zeroAwarded } from "../helpers/factories";

const getDb = setupTestDatabase();

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

const actor = (role: Actor["role"], email = "luka@os-lipa.si", orgId = "org-a") => ({ role, email, orgId });

describe("canEditMobility", () => {
  const own = { organisationId: "org-a", participantEmail: "Luka@OS-Lipa.si" };
  const colleagues = { organisationId: "org-a", participantEmail: "maja@os-lipa.si" };
  it("lets a coordinator edit every mobility of the school, and none of another", () => {
    expect(canEditMobility(actor("coordinator"), colleagues)).toBe(true);
    expect(canEditMobility(actor("coordinator"), { ...colleagues, organisationId: "org-b" })).toBe(false);
  });
  it("lets a teacher edit only the mobilities where they are the participant or lead accompanying person", () => {
    expect(canEditMobility(actor("teacher"), own)).toBe(true);
    expect(canEditMobility(actor("teacher"), colleagues)).toBe(false);
    expect(canEditMobility(actor("teacher"), { organisationId: "org-a", participantEmail: null })).toBe(false);
    expect(canEditMobility(actor("teacher"), { ...own, organisationId: "org-b" })).toBe(false);
  });
  it("lets neither headteacher nor school admin edit a mobility", () => {
    expect(canEditMobility(actor("headteacher"), own)).toBe(false);
    expect(canEditMobility(actor("school_admin"), own)).toBe(false);
  });
});

describe("redactSpecialCategory", () => {
  it("removes the special-category fields without the permission and keeps the rest", () => {
    const row = { id: "1", lastName: "Novak", fewerOpportunities: true, fewerOpportunitiesNote: "note", inclusionRealCostCents: 100 };
    expect(redactSpecialCategory({ specialCategory: false }, row)).toEqual({ id: "1", lastName: "Novak" });
    expect(redactSpecialCategory({ specialCategory: true }, row)).toEqual(row);
  });
});

describe("assertCanEditMobility against the database", () => {
  let school: string;
  let otherSchool: string;
  let luka: Awaited<ReturnType<typeof createMember>>;
  let maja: Awaited<ReturnType<typeof createMember>>;
  let coordinator: Awaited<ReturnType<typeof createMember>>;
  let lukasMobility: string;
  let majasMobility: string;
  let otherSchoolsMobility: string;

  async function mobilityFor(organisationId: string, projectId: string, email: string | null) {
    const [p] = await getDb().insert(participants).values({ organisationId, kind: "staff", firstName: "T", lastName: "T", email }).returning();
    const [m] = await getDb()
      .insert(mobilities)
      .values({
        organisationId, projectId, participantId: p?.id ?? null, activityType: "SM-JOB-SHDW", startDate: "2025-10-06", endDate: "2025-10-10",
        receivingOrganisation: "Schule", destinationCountry: "AT", destinationTown: "Wien",
      })
      .returning();
    if (!m) throw new Error("no mobility");
    return m.id;
  }

  async function projectOf(organisationId: string, user: Awaited<ReturnType<typeof createMember>>) {
    const project = await callerFor(getDb(), user).projects.create({
      orgId: organisationId, action: "KA122", projectNumber: projectNumber(), title: "P", callYear: 2025,
      startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
    });
    return project.id;
  }

  beforeAll(async () => {
    const db = getDb();
    school = (await createSchool(db)).id;
    otherSchool = (await createSchool(db)).id;
    coordinator = await createMember(db, school, "coordinator");
    luka = await createMember(db, school, "teacher");
    maja = await createMember(db, school, "teacher");
    const otherCoordinator = await createMember(db, otherSchool, "coordinator");
    const project = await projectOf(school, coordinator);
    lukasMobility = await mobilityFor(school, project, luka.email.toUpperCase());
    majasMobility = await mobilityFor(school, project, maja.email);
    otherSchoolsMobility = await mobilityFor(otherSchool, await projectOf(otherSchool, otherCoordinator), luka.email);
  });

  async function actorOf(user: { id: string }, orgId = school): Promise<Actor> {
    return resolveActor(getDb(), user.id, orgId);
  }

  it("lets a teacher edit their own mobility and refuses another teacher's", async () => {
    const db = getDb();
    expect(await codeOf(assertCanEditMobility(db, await actorOf(luka), lukasMobility))).toBe("OK");
    expect(await codeOf(assertCanEditMobility(db, await actorOf(luka), majasMobility))).toBe("FORBIDDEN");
    expect(await codeOf(assertCanEditMobility(db, await actorOf(maja), majasMobility))).toBe("OK");
    expect(await codeOf(assertCanEditMobility(db, await actorOf(coordinator), majasMobility))).toBe("OK");
  });

  it("answers NOT_FOUND for another school's mobility, even where the e-mail matches", async () => {
    expect(await codeOf(assertCanEditMobility(getDb(), await actorOf(luka), otherSchoolsMobility))).toBe("NOT_FOUND");
  });
});

describe("NA officers' procedures", () => {
  const testRouter = router({
    officer: naProcedure("na.oversee").query(({ ctx }) => ctx.officer.naCodes),
  });
  const callerOf = (db: ReturnType<typeof getDb>, user: { id: string; email: string; name: string } | null) =>
    createCallerFactory(testRouter)({ db, session: user ? { user } : null });

  it("resolves an NA officer's codes and refuses everyone else", async () => {
    const db = getDb();
    const officer = await createOfficer(db, "SI01");
    const member = await createMember(db, (await createSchool(db)).id, "coordinator");
    expect(await callerOf(db, officer).officer()).toEqual(["SI01"]);
    expect(await codeOf(callerOf(db, member).officer())).toBe("FORBIDDEN");
    expect(await codeOf(callerOf(db, null).officer())).toBe("UNAUTHORIZED");
  });
});
