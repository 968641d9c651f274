import { readFileSync } from "node:fs";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, mobilities, participants } from "@/db/schema";
import type { TListMobilities } from "@/server/schemas/mobility-list";
import { csvLabels, mobilityListInput, mobilityListSearch, parseMobilityListSearch } from "@/server/schemas/mobility-list";
import { csvAmount } from "@/lib/csv";
import { exportMobilitiesCsv } from "@/server/services/mobility-list";
import type { Actor } from "@/server/services/memberships";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool, projectNumber, zeroAwarded } from "../helpers/factories";

const getDb = setupTestDatabase();

type TMessages = Record<string, unknown>;
function translatorFor(locale: "en" | "sl") {
  const read = (name: string) => JSON.parse(readFileSync(new URL(`../../messages/${locale}/${name}.json`, import.meta.url), "utf8")) as TMessages;
  const messages: TMessages = { ...read("app"), mobilityList: read("mobilityList") };
  return (key: string): string => {
    const value = key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as TMessages)[part] : undefined), messages);
    if (typeof value !== "string") throw new Error(`missing message ${locale}:${key}`);
    return value;
  };
}

async function csvOf(actor: Actor, projectId: string, locale: "en" | "sl", filters: TListMobilities["filters"] = {}) {
  let text = "";
  for await (const chunk of await exportMobilitiesCsv(getDb(), actor, { projectId, sort: { field: "startDate", direction: "asc" }, filters }, csvLabels(translatorFor(locale), locale))) {
    text += chunk;
  }
  return text;
}

async function codeOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  return error instanceof TRPCError ? error.code : error;
}

describe("mobilities.list", () => {
  let orgId: string;
  let projectId: string;
  let coordinator: Awaited<ReturnType<typeof createMember>>;
  let teacher: Awaited<ReturnType<typeof createMember>>;
  const people: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const db = getDb();
    // IS01 2024: an NA and call year whose rates are all published, so the engine awards money.
    orgId = (await createSchool(db, { country: "IS", town: "Reykjavik", naCode: "IS01" })).id;
    coordinator = await createMember(db, orgId, "coordinator", { specialCategory: true });
    teacher = await createMember(db, orgId, "teacher");
    const caller = callerFor(db, coordinator);
    const project = await caller.projects.create({
      orgId, action: "KA121", projectNumber: projectNumber(2024, "KA121", "IS01"), title: "Seznam", callYear: 2024,
      startDate: "2024-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
    });
    projectId = project.id;
    const staff = await db
      .insert(participants)
      .values([
        { organisationId: orgId, kind: "staff" as const, firstName: "Špela", lastName: "Čretnik" },
        { organisationId: orgId, kind: "staff" as const, firstName: "Žiga", lastName: "Novak" },
        { organisationId: orgId, kind: "staff" as const, firstName: "Ana", lastName: "Zupan" },
        { organisationId: orgId, kind: "staff" as const, firstName: "Bojan", lastName: "Horvat" },
      ])
      .returning();
    for (const p of staff) people[p.lastName] = p.id;
    const base = { orgId, projectId, travelDays: 2 };
    const log = async (key: string, values: Parameters<typeof caller.mobilities.log>[0]) => {
      ids[key] = (await caller.mobilities.log(values)).id;
    };
    await log("vienna", { ...base, participantId: people["Čretnik"]!, activityType: "SM-JOB-SHDW", status: "planned",
      startDate: "2025-10-06", endDate: "2025-10-10", receivingOrganisation: "Schule am Park", destinationCountry: "AT", destinationTown: "Vienna" });
    await log("florence", { ...base, participantId: people["Zupan"]!, activityType: "SM-COUR-TRAIN", status: "completed", courseDays: 5,
      startDate: "2026-03-02", endDate: "2026-03-06", receivingOrganisation: "Europass Academy", destinationCountry: "IT", destinationTown: "Florence" });
    await log("berlin", { ...base, participantId: people["Novak"]!, activityType: "LM-GRP-PUPIL", status: "draft", pupilCount: 11,
      members: [{ role: "pupil", fewerOpportunities: true }, { role: "accompanying", participantId: people["Horvat"]! }],
      startDate: "2026-05-11", endDate: "2026-05-15", receivingOrganisation: "Gymnasium Mitte", destinationCountry: "DE", destinationTown: "Berlin" });
    await log("zagreb", { ...base, participantId: people["Novak"]!, activityType: "SM-TTA", status: "cancelled",
      startDate: "2025-11-03", endDate: "2025-11-07", receivingOrganisation: "Osnovna škola Trnje", destinationCountry: "HR", destinationTown: "Zagreb" });
    await log("graz", { ...base, participantId: people["Zupan"]!, activityType: "SM-JOB-SHDW", status: "planned", greenTravel: true,
      startDate: "2026-01-12", endDate: "2026-01-16", receivingOrganisation: "Volksschule Graz", destinationCountry: "AT", destinationTown: "Graz" });
  });

  const list = (input: Partial<Omit<TListMobilities, "projectId">> = {}, user = coordinator) =>
    callerFor(getDb(), user).mobilities.list({ orgId, projectId, ...input });
  const order = (rows: { id: string }[]) => rows.map((row) => Object.keys(ids).find((key) => ids[key] === row.id));

  it("pages with a total and a page count, in a stable default order (start date)", async () => {
    const first = await list({ page: 1, pageSize: 2 });
    expect(first.total).toBe(5);
    expect(first.pageCount).toBe(3);
    expect(order(first.rows)).toEqual(["vienna", "zagreb"]);
    const second = await list({ page: 2, pageSize: 2 });
    expect(order(second.rows)).toEqual(["graz", "florence"]);
    const third = await list({ page: 3, pageSize: 2 });
    expect(order(third.rows)).toEqual(["berlin"]);
    const past = await list({ page: 9, pageSize: 2 });
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(5);
  });

  it("refuses a page size above 100", async () => {
    expect(await codeOf(list({ pageSize: 101 }))).toBe("BAD_REQUEST");
  });

  it("returns what a row shows: participant or lead with pupils, destination, grant and issue counts", async () => {
    const { rows } = await list({ pageSize: 100 });
    const berlin = rows.find((r) => r.id === ids.berlin);
    expect(berlin?.participant?.lastName).toBe("Novak");
    expect(berlin?.pupilCount).toBe(12);
    expect(berlin?.otherAccompanyingCount).toBe(1);
    const graz = rows.find((r) => r.id === ids.graz);
    expect(graz).toMatchObject({ greenTravel: true, destination: { country: "AT", town: "Graz", receivingOrganisation: "Volksschule Graz" }, pupilCount: 0 });
    const stored = await getDb().select().from(mobilities).where(eq(mobilities.projectId, projectId));
    expect(stored.some((m) => m.grantTotalCents > 0)).toBe(true);
    for (const m of stored) {
      const issues = m.grantIssues as { severity: string }[];
      expect(rows.find((r) => r.id === m.id)).toMatchObject({
        grantTotalCents: m.grantTotalCents,
        grantEligible: m.grantEligible,
        errorCount: issues.filter((i) => i.severity === "error").length,
        warningCount: issues.filter((i) => i.severity === "warning").length,
        version: m.version,
      });
    }
  });

  it("counts the engine's stored errors and warnings", async () => {
    const db = getDb();
    const [before] = await db.select().from(mobilities).where(eq(mobilities.id, ids.zagreb!));
    await db
      .update(mobilities)
      .set({ grantIssues: [{ severity: "error", code: "RATE_MISSING" }, { severity: "warning", code: "FIGURE_UNCONFIRMED" }, { severity: "warning", code: "TRAVEL_DAYS_EXCEED" }] })
      .where(eq(mobilities.id, ids.zagreb!));
    try {
      const row = (await list({ filters: { statuses: ["cancelled"] } })).rows[0];
      expect(row).toMatchObject({ errorCount: 1, warningCount: 2 });
    } finally {
      await db.update(mobilities).set({ grantIssues: before?.grantIssues }).where(eq(mobilities.id, ids.zagreb!));
    }
  });

  it("filters by activity, status, country, dates and participant (members of a group included)", async () => {
    expect(order((await list({ filters: { activityTypes: ["SM-JOB-SHDW"] } })).rows)).toEqual(["vienna", "graz"]);
    expect(order((await list({ filters: { activityTypes: ["SM-TTA", "LM-GRP-PUPIL"] } })).rows)).toEqual(["zagreb", "berlin"]);
    expect(order((await list({ filters: { statuses: ["planned"] } })).rows)).toEqual(["vienna", "graz"]);
    expect(order((await list({ filters: { statuses: ["draft", "completed"] } })).rows)).toEqual(["florence", "berlin"]);
    expect(order((await list({ filters: { destinationCountry: "at" } })).rows)).toEqual(["vienna", "graz"]);
    // Overlap: ending on or after `from`, starting on or before `to`.
    expect(order((await list({ filters: { dateFrom: "2025-10-10", dateTo: "2026-01-12" } })).rows)).toEqual(["vienna", "zagreb", "graz"]);
    expect(order((await list({ filters: { dateFrom: "2026-03-06" } })).rows)).toEqual(["florence", "berlin"]);
    expect(order((await list({ filters: { dateTo: "2025-10-06" } })).rows)).toEqual(["vienna"]);
    expect(order((await list({ filters: { participantId: people["Zupan"] } })).rows)).toEqual(["graz", "florence"]);
    expect(order((await list({ filters: { participantId: people["Horvat"] } })).rows)).toEqual(["berlin"]);
    const combined = await list({ filters: { activityTypes: ["SM-JOB-SHDW"], statuses: ["planned"], destinationCountry: "AT", participantId: people["Zupan"] } });
    expect(order(combined.rows)).toEqual(["graz"]);
    expect(combined.total).toBe(1);
  });

  it("refuses a date range that ends before it starts, on the field", async () => {
    const error = await list({ filters: { dateFrom: "2026-01-01", dateTo: "2025-01-01" } }).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError & { cause: unknown }).cause).toBeTruthy();
  });

  it("searches names (either order, case and members too), organisations and towns, with no wildcards", async () => {
    const search = async (q: string) => order((await list({ filters: { q } })).rows);
    expect(await search("čretnik")).toEqual(["vienna"]);
    expect(await search("Žiga Novak")).toEqual(["zagreb", "berlin"]);
    expect(await search("novak žiga")).toEqual(["zagreb", "berlin"]);
    expect(await search("horvat")).toEqual(["berlin"]);
    expect(await search("europass")).toEqual(["florence"]);
    expect(await search("GRAZ")).toEqual(["graz"]);
    expect(await search("%")).toEqual([]);
    expect(await search("_")).toEqual([]);
    expect(await search("nobody")).toEqual([]);
  });

  it("sorts by every field in both directions, with the id as tiebreaker", async () => {
    const sorted = async (field: TListMobilities["sort"]["field"], direction: "asc" | "desc") =>
      order((await list({ sort: { field, direction } })).rows);
    expect(await sorted("startDate", "desc")).toEqual(["berlin", "florence", "graz", "zagreb", "vienna"]);
    expect(await sorted("endDate", "asc")).toEqual(["vienna", "zagreb", "graz", "florence", "berlin"]);
    expect(await sorted("status", "asc")).toEqual(["berlin", ...[ids.vienna!, ids.graz!].sort().map((id) => order([{ id }])[0]), "florence", "zagreb"]);
    expect((await sorted("activityType", "asc"))[2]).toBe("zagreb");
    expect((await sorted("activityType", "asc")).slice(0, 2).sort()).toEqual(["graz", "vienna"]);
    expect(await sorted("destination", "asc")).toEqual(["graz", "vienna", "berlin", "zagreb", "florence"]);
    expect(await sorted("destination", "desc")).toEqual(["florence", "zagreb", "berlin", "vienna", "graz"]);
    expect(await sorted("createdAt", "asc")).toEqual(["vienna", "florence", "berlin", "zagreb", "graz"]);
    expect(await sorted("createdAt", "desc")).toEqual(["graz", "zagreb", "berlin", "florence", "vienna"]);
    const byName = await sorted("participant", "asc");
    expect(byName[0]).toBe("vienna"); // Čretnik before Horvat: č sorts with c, not after z
    expect(byName.slice(1, 3).sort()).toEqual(["berlin", "zagreb"]);
    expect(byName.slice(3).sort()).toEqual(["florence", "graz"]);
    const { rows } = await list({ sort: { field: "grantTotal", direction: "desc" } });
    const totals = rows.map((r) => r.grantTotalCents);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it("lets a teacher list; another school's project is NOT_FOUND, also for a member of that school", async () => {
    expect((await list({}, teacher)).total).toBe(5);
    const other = await createSchool(getDb());
    const outsider = await createMember(getDb(), other.id, "coordinator");
    expect(await codeOf(callerFor(getDb(), outsider).mobilities.list({ orgId: other.id, projectId }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(getDb(), outsider).mobilities.list({ orgId, projectId }))).toBe("NOT_FOUND");
    expect(await codeOf(list({ projectId: "00000000-0000-4000-8000-000000000000" } as Partial<TListMobilities>))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(getDb(), null).mobilities.list({ orgId, projectId }))).toBe("UNAUTHORIZED");
  });

  it("an empty project lists nothing, without error", async () => {
    const project = await callerFor(getDb(), coordinator).projects.create({
      orgId, action: "KA122", projectNumber: projectNumber(2025, "KA122", "IS01"), title: "Prazen", callYear: 2025,
      startDate: "2025-09-01", endDate: "2026-08-31", awarded: zeroAwarded,
    });
    expect(await list({ projectId: project.id } as Partial<TListMobilities>)).toMatchObject({ rows: [], total: 0, pageCount: 0 });
  });

  describe("CSV", () => {
    const actor = (specialCategory: boolean): Actor => ({ userId: coordinator.id, email: coordinator.email, orgId, role: "coordinator", naCode: "IS01", specialCategory });

    it("starts with a BOM and a translated header, separates with ; and lists every filtered mobility", async () => {
      const text = await csvOf(actor(false), projectId, "sl");
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const lines = text.slice(1).split("\r\n");
      expect(lines[0]).toBe(
        "Oznaka aktivnosti;Aktivnost;Stanje;Datum začetka;Datum konca;Udeleženec;Učenci;Spremljevalci;Organizacija gostiteljica;Država;Kraj;Razdalja (km);Zeleno potovanje;Dotacija (EUR);Še neznane postavke (manjka znesek);Upravičeno;Napake;Opozorila",
      );
      expect(lines).toHaveLength(1 + 5 + 1); // header, rows, the empty string after the last CRLF
      expect(lines[1]).toMatch(/^SM-JOB-SHDW;Opazovanje na delovnem mestu|^SM-JOB-SHDW;/);
      expect(lines[1]).toContain(";Načrtovana;2025-10-06;2025-10-10;Špela Čretnik;;;Schule am Park;AT;Vienna;");
      const berlin = lines.find((l) => l.includes("Gymnasium Mitte"));
      expect(berlin).toContain(";Žiga Novak;12;2;Gymnasium Mitte;DE;Berlin;");
      const [stored] = await getDb().select().from(mobilities).where(eq(mobilities.id, ids.vienna!));
      expect(stored!.grantTotalCents).toBeGreaterThan(0);
      expect(lines[1]).toContain(`;${csvAmount(stored!.grantTotalCents, ",")};`);
      expect(lines[1]).toMatch(/;\d+,\d\d;/);
      expect(text).not.toContain("Z manj priložnostmi");
    });

    it("uses the filters, English words, commas and decimal points for an English user", async () => {
      const text = await csvOf(actor(false), projectId, "en", { statuses: ["completed"] });
      const lines = text.slice(1).split("\r\n");
      // The English dialect: `,` between fields and the decimal point (lib/csv.ts csvDialect).
      expect(lines[0]?.startsWith("Activity code,Activity,Status,Start date,")).toBe(true);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(/,Completed,2026-03-02,2026-03-06,Ana Zupan,/);
      expect(lines[1]).toMatch(/,\d+\.\d\d,[^,]*,(yes|no),/);
    });

    it("adds the fewer-opportunities column only for special-category access", async () => {
      const text = await csvOf(actor(true), projectId, "sl");
      const lines = text.slice(1).split("\r\n");
      expect(lines[0]?.endsWith(";Opozorila;Z manj priložnostmi")).toBe(true);
      expect(lines.find((l) => l.includes("Gymnasium Mitte"))?.endsWith(";1")).toBe(true);
      expect(lines.find((l) => l.includes("Schule am Park"))?.endsWith(";ne")).toBe(true);
    });

    it("is NOT_FOUND for another school's project before anything is written", async () => {
      const other = await createSchool(getDb());
      const chunks = exportMobilitiesCsv(getDb(), { ...actor(false), orgId: other.id }, { projectId, sort: { field: "startDate", direction: "asc" }, filters: {} }, csvLabels(translatorFor("en"), "en"));
      expect(await codeOf(chunks)).toBe("NOT_FOUND");
    });
  });

  it("keeps the list's state in the URL and reads it back, ignoring what is invalid", () => {
    const state = parseMobilityListSearch(new URLSearchParams("q=novak&status=planned,completed,bogus&activity=SM-TTA&country=at&from=2026-01-01&to=2025-01-01&participant=x&sort=grantTotal&dir=desc&page=3&size=50"));
    expect(state).toEqual({
      page: 3, pageSize: 50, sort: { field: "grantTotal", direction: "desc" },
      filters: { q: "novak", statuses: ["planned", "completed"], activityTypes: ["SM-TTA"], destinationCountry: "AT", dateFrom: "2025-01-01", dateTo: "2026-01-01", participantId: undefined },
    });
    expect(parseMobilityListSearch(mobilityListSearch(state))).toEqual(state);
    expect(mobilityListSearch(parseMobilityListSearch({})).toString()).toBe("");
    expect(mobilityListInput(orgId, projectId, parseMobilityListSearch({ size: "7" })).pageSize).toBe(25);
  });

  it("never lists the special-category flag in the rows", async () => {
    await getDb().update(memberships).set({ specialCategoryAccess: true }).where(and(eq(memberships.userId, coordinator.id), eq(memberships.organisationId, orgId)));
    const { rows } = await list();
    expect(rows[0]).not.toHaveProperty("fewerOpportunities");
  });
});
