import { and, eq, sql } from "drizzle-orm";
import { hashPassword } from "../server/auth/password";
import { loadProjectContext, resolveMobilityDistance, storeProjectGrants } from "../server/services/mobility-grants";
import type { Db } from "../db/client";
import {
  auditLog,
  memberships,
  mobilities,
  naOfficers,
  organisations,
  participants,
  partnerOrganisations,
  projects,
  users,
} from "../db/schema";

/*
 * Demo data: a Slovenian primary school with its Erasmus team, a KA122 and a KA121 project, a second
 * Slovenian school (to show isolation), a Croatian school (another NA) and an SI01 officer.
 * Idempotent: every row has a natural key (OID, e-mail, project number) and is inserted only if absent.
 */

export const DEMO_PASSWORD = "mobilo-demo-2026";

export const DEMO_LOGINS = [
  { email: "koordinatorka@os-lipa.si", name: "Maja Novak", role: "coordinator (OŠ Lipa)" },
  { email: "ucitelj@os-lipa.si", name: "Luka Kranjc", role: "teacher (OŠ Lipa)" },
  { email: "ravnateljica@os-lipa.si", name: "Ana Zupan", role: "headteacher (OŠ Lipa)" },
  { email: "skrbnik@os-lipa.si", name: "Peter Mlakar", role: "school admin (OŠ Lipa)" },
  { email: "koordinator@os-breg.si", name: "Marko Horvat", role: "coordinator (OŠ Breg)" },
  { email: "koordinatorica@os-jadran.hr", name: "Ivana Babić", role: "coordinator (OŠ Jadran, HR)" },
  { email: "nadzornik@na-si01.si", name: "Tina Kos", role: "NA officer SI01" },
  { email: "verkefnastjori@hlidaskoli.is", name: "Guðrún Jónsdóttir", role: "coordinator (Hlíðaskóli, IS — an NA with published rates)" },
] as const;

async function hasAnyOrganisation(db: Db): Promise<boolean> {
  const rows = await db.select({ one: sql<number>`1` }).from(organisations).limit(1);
  return rows.length > 0;
}

/** On start with the embedded database: the demo data, unless the database has a school already. Says whether it loaded it. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  if (await hasAnyOrganisation(db)) return false;
  await seedDemoData(db);
  return true;
}

export async function seedDemoData(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    // One seed at a time, even if two processes start on the same empty database.
    await tx.execute(sql`select pg_advisory_xact_lock(482113)`);

    const orgs = [
      { oid: "E10000001", name: "Osnovna šola Lipa Ljubljana", country: "SI", town: "Ljubljana", naCode: "SI01" },
      { oid: "E10000002", name: "Osnovna šola Breg Maribor", country: "SI", town: "Maribor", naCode: "SI01" },
      { oid: "E10000003", name: "Osnovna škola Jadran Split", country: "HR", town: "Split", naCode: "HR01" },
      // Iceland's NA publishes its individual-support rates (domain doc §4): every grant line is known.
      { oid: "E10000004", name: "Hlíðaskóli Reykjavík", country: "IS", town: "Reykjavik", naCode: "IS01" },
    ];
    await tx.insert(organisations).values(orgs).onConflictDoNothing();
    const orgRows = await tx.select().from(organisations);
    const orgId = (oid: string) => {
      const row = orgRows.find((o) => o.oid === oid);
      if (!row) throw new Error(`seed: organisation ${oid} missing`);
      return row.id;
    };

    await tx
      .insert(users)
      .values(DEMO_LOGINS.map((l) => ({ email: l.email, name: l.name, passwordHash })))
      .onConflictDoNothing();
    const userRows = await tx.select().from(users);
    const userId = (email: string) => {
      const row = userRows.find((u) => u.email === email);
      if (!row) throw new Error(`seed: user ${email} missing`);
      return row.id;
    };

    await tx
      .insert(memberships)
      .values([
        { userId: userId("koordinatorka@os-lipa.si"), organisationId: orgId("E10000001"), role: "coordinator" as const, specialCategoryAccess: true },
        { userId: userId("ucitelj@os-lipa.si"), organisationId: orgId("E10000001"), role: "teacher" as const },
        { userId: userId("ravnateljica@os-lipa.si"), organisationId: orgId("E10000001"), role: "headteacher" as const },
        { userId: userId("skrbnik@os-lipa.si"), organisationId: orgId("E10000001"), role: "school_admin" as const },
        { userId: userId("koordinator@os-breg.si"), organisationId: orgId("E10000002"), role: "coordinator" as const, specialCategoryAccess: true },
        { userId: userId("koordinatorica@os-jadran.hr"), organisationId: orgId("E10000003"), role: "coordinator" as const, specialCategoryAccess: true },
        { userId: userId("verkefnastjori@hlidaskoli.is"), organisationId: orgId("E10000004"), role: "coordinator" as const, specialCategoryAccess: true },
      ])
      .onConflictDoNothing();
    await tx
      .insert(naOfficers)
      .values({ userId: userId("nadzornik@na-si01.si"), naCode: "SI01" })
      .onConflictDoNothing();

    const lipa = orgId("E10000001");
    await tx
      .insert(projects)
      .values([
        {
          organisationId: lipa,
          action: "KA122" as const,
          projectNumber: "2025-1-SI01-KA122-SCH-000312456",
          title: "Učimo se od Evrope: jezik in digitalne kompetence",
          callYear: 2025,
          startDate: "2025-09-01",
          endDate: "2026-11-30",
          awardedTravelCents: 1_254_000,
          awardedIndividualSupportCents: 3_118_000,
          awardedOrganisationalSupportCents: 700_000,
          awardedCourseFeesCents: 320_000,
          awardedInclusionSupportCents: 50_000,
        },
        {
          organisationId: lipa,
          action: "KA121" as const,
          projectNumber: "2024-1-SI01-KA121-SCH-000245113",
          title: "Akreditacija Erasmus+ 2024",
          callYear: 2024,
          startDate: "2024-06-01",
          endDate: "2025-08-31",
          status: "reporting" as const,
          awardedTravelCents: 2_110_000,
          awardedIndividualSupportCents: 5_460_000,
          awardedOrganisationalSupportCents: 1_050_000,
          awardedCourseFeesCents: 480_000,
        },
        {
          organisationId: orgId("E10000002"),
          action: "KA122" as const,
          projectNumber: "2025-1-SI01-KA122-SCH-000312999",
          title: "Zeleni koraki",
          callYear: 2025,
          startDate: "2025-09-01",
          endDate: "2026-08-31",
          awardedTravelCents: 633_000,
          awardedIndividualSupportCents: 1_400_000,
        },
        {
          organisationId: orgId("E10000004"),
          action: "KA122" as const,
          projectNumber: "2024-1-IS01-KA122-SCH-000204567",
          title: "Opening doors: languages and outdoor learning",
          callYear: 2024,
          startDate: "2024-09-01",
          endDate: "2025-11-30",
          awardedTravelCents: 1_180_000,
          awardedIndividualSupportCents: 2_870_000,
          awardedOrganisationalSupportCents: 650_000,
          awardedCourseFeesCents: 160_000,
          awardedInclusionSupportCents: 37_500,
        },
        {
          organisationId: orgId("E10000003"),
          action: "KA122" as const,
          projectNumber: "2025-1-HR01-KA122-SCH-000100200",
          title: "Mostovi znanja",
          callYear: 2025,
          startDate: "2025-09-01",
          endDate: "2026-08-31",
          awardedTravelCents: 500_000,
        },
      ])
      .onConflictDoNothing();

    const existingParticipants = await tx.select().from(participants);
    if (existingParticipants.length > 0) return;

    const staff = await tx
      .insert(participants)
      .values([
        { organisationId: lipa, kind: "staff" as const, firstName: "Luka", lastName: "Kranjc", email: "ucitelj@os-lipa.si", staffRole: "Učitelj angleščine" },
        { organisationId: lipa, kind: "staff" as const, firstName: "Petra", lastName: "Vidmar", email: "petra.vidmar@os-lipa.si", staffRole: "Učiteljica matematike" },
        { organisationId: lipa, kind: "staff" as const, firstName: "Jure", lastName: "Golob", email: "jure.golob@os-lipa.si", staffRole: "Svetovalni delavec" },
        { organisationId: orgId("E10000002"), kind: "staff" as const, firstName: "Nina", lastName: "Kovač", email: "nina.kovac@os-breg.si", staffRole: "Učiteljica biologije" },
        { organisationId: orgId("E10000004"), kind: "staff" as const, firstName: "Sigríður", lastName: "Magnúsdóttir", email: "sigga@hlidaskoli.is", staffRole: "English teacher" },
        { organisationId: orgId("E10000004"), kind: "staff" as const, firstName: "Jón", lastName: "Einarsson", email: "jon@hlidaskoli.is", staffRole: "Science teacher" },
        { organisationId: orgId("E10000004"), kind: "staff" as const, firstName: "Helga", lastName: "Ólafsdóttir", email: "helga@hlidaskoli.is", staffRole: "Class teacher" },
      ])
      .returning();
    const [luka, petra, jure, nina, sigga, jon] = staff;
    if (!luka || !petra || !jure || !nina || !sigga || !jon) throw new Error("seed: participants missing");

    const projectRows = await tx.select().from(projects);
    const projectId = (number: string) => {
      const row = projectRows.find((p) => p.projectNumber === number);
      if (!row) throw new Error(`seed: project ${number} missing`);
      return row.id;
    };
    const ka122 = projectId("2025-1-SI01-KA122-SCH-000312456");
    const ka121 = projectId("2024-1-SI01-KA121-SCH-000245113");

    await tx.insert(mobilities).values([
      {
        organisationId: lipa, projectId: ka122, participantId: luka.id, activityType: "SM-JOB-SHDW" as const,
        status: "completed" as const, startDate: "2025-10-13", endDate: "2025-10-17", travelDays: 2,
        receivingOrganisation: "Grundschule am Park Wien", destinationCountry: "AT", destinationTown: "Vienna",
      },
      {
        organisationId: lipa, projectId: ka122, participantId: petra.id, activityType: "SM-COUR-TRAIN" as const,
        status: "planned" as const, startDate: "2026-03-02", endDate: "2026-03-06", travelDays: 2,
        receivingOrganisation: "Europass Teacher Academy", destinationCountry: "IT", destinationTown: "Florence",
      },
      {
        organisationId: lipa, projectId: ka122, participantId: jure.id, activityType: "SM-JOB-SHDW" as const,
        status: "draft" as const, startDate: "2026-04-20", endDate: "2026-04-24", travelDays: 2, greenTravel: true,
        receivingOrganisation: "Zagreb Primary School No. 5", destinationCountry: "HR", destinationTown: "Zagreb",
      },
      {
        organisationId: lipa, projectId: ka121, participantId: luka.id, activityType: "SM-TTA" as const,
        status: "completed" as const, startDate: "2024-11-04", endDate: "2024-11-15", travelDays: 2,
        receivingOrganisation: "Escola Básica de Lisboa", destinationCountry: "PT", destinationTown: "Lisbon",
      },
      {
        organisationId: orgId("E10000002"), projectId: projectId("2025-1-SI01-KA122-SCH-000312999"), participantId: nina.id,
        activityType: "SM-JOB-SHDW" as const, status: "planned" as const, startDate: "2026-02-09", endDate: "2026-02-13",
        travelDays: 2, receivingOrganisation: "Skola Brno", destinationCountry: "CZ", destinationTown: "Brno",
      },
      {
        organisationId: orgId("E10000004"), projectId: projectId("2024-1-IS01-KA122-SCH-000204567"), participantId: sigga.id,
        activityType: "SM-COUR-TRAIN" as const, status: "completed" as const, startDate: "2024-10-14", endDate: "2024-10-18",
        travelDays: 2, courseDays: 5, receivingOrganisation: "Europass Teacher Academy", destinationCountry: "IE", destinationTown: "Dublin",
      },
      {
        organisationId: orgId("E10000004"), projectId: projectId("2024-1-IS01-KA122-SCH-000204567"), participantId: jon.id,
        activityType: "SM-JOB-SHDW" as const, status: "planned" as const, startDate: "2025-03-10", endDate: "2025-03-14",
        travelDays: 2, receivingOrganisation: "Kungsholmens grundskola", destinationCountry: "SE", destinationTown: "Stockholm",
      },
    ]);

    // Distances from the engine's geodata and grants from the engine, as the app itself would store them.
    for (const project of projectRows) {
      const context = await loadProjectContext(tx, project.organisationId, project.id);
      if (!context) continue;
      const rows = await tx.select().from(mobilities).where(eq(mobilities.projectId, project.id));
      for (const row of rows) {
        const distance = await resolveMobilityDistance(context, { ...row, originTown: row.originTown ?? undefined, distanceKm: undefined });
        // The receiving organisation becomes a partner of the school, as logging it in the app does.
        await tx
          .insert(partnerOrganisations)
          .values({ organisationId: row.organisationId, name: row.receivingOrganisation, country: row.destinationCountry, town: row.destinationTown })
          .onConflictDoNothing();
        const [partner] = await tx
          .select({ id: partnerOrganisations.id })
          .from(partnerOrganisations)
          .where(and(eq(partnerOrganisations.organisationId, row.organisationId), eq(partnerOrganisations.name, row.receivingOrganisation)));
        await tx
          .update(mobilities)
          .set({ distanceKm: distance.km, distanceSource: distance.source, partnerOrganisationId: partner?.id ?? null })
          .where(eq(mobilities.id, row.id));
      }
      await storeProjectGrants(tx, context);
    }

    await tx.insert(auditLog).values({
      action: "seed.demo",
      entityType: "system",
      entityId: "demo-data",
      after: { organisations: orgs.map((o) => o.oid) },
    });
  });
}
