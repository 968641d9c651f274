import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { participants, partnerOrganisations, projects } from "@/db/schema";
import {
  columnOf,
  latestTemplate,
  matchHeaders,
  normaliseLabel,
  parseCell,
  type BmCellValue,
  type BmField,
} from "@/server/bm";
import { notFound } from "@/server/errors";
import { calculateProjectBudget, type ResolvedMobility } from "@/server/rules";
import { PUPIL_ACTIVITIES, ZMobilityFields, refineMobility, type TActivityType, type TMobilityFields } from "@/server/schemas/mobilities";
import type { BmSheet } from "./bm-files";
import { MAX_BM_ROWS } from "./bm-files";
import type { Actor } from "./memberships";
import { maySeeSpecialCategory } from "./permissions";
import {
  loadProjectContext,
  loadProjectMobilities,
  projectBudget,
  ratesForProject,
  resolveMobilityDistance,
  storedToProjectMobility,
  toEngineProject,
  toProjectMobility,
  type ProjectContext,
  type StoredMobility,
} from "./mobility-grants";
import { mobilityRowValues } from "./mobilities";

/*
 * The dry run of a Beneficiary Module import: reads the sheet through server/bm's layout, checks every
 * cell, validates each mobility with the form's own zod schema (ZMobilityFields + refineMobility) and the
 * whole project after the import with the rules engine, matches participants (e-mail, else name) and
 * partner organisations (OID, else name and country), and works out what would be created, updated or
 * left unchanged (by Mobility activity ID). It writes nothing; the commit (bm-import-commit.ts) runs it
 * again under the project lock and applies the plan.
 */

/** A message for the user: an i18n key (bm.*, validation.*, rules.*) with its parameters, at a row and cell. */
export interface BmIssue {
  /** 0-based row of the sheet (0 is the header row); null: the whole file. */
  row: number | null;
  /** 0-based column; null: the whole row. */
  column: number | null;
  severity: "error" | "warning";
  code: string;
  params?: Record<string, string | number>;
}

export interface BmChange {
  activityId: string;
  row: number;
  action: "create" | "update";
  fields: { field: string; before: string | number | boolean | null; after: string | number | boolean | null }[];
}

export interface BmDryRun {
  template: string;
  dataRows: number;
  skippedEmptyRows: number;
  create: number;
  update: number;
  unchanged: number;
  newParticipants: number;
  newPartners: number;
  errors: number;
  warnings: number;
  /** The first issues (at most MAX_LISTED); `errors`/`warnings` count them all. */
  issues: BmIssue[];
  /** What would change (at most MAX_LISTED). */
  changes: BmChange[];
}

export interface PlannedParticipant {
  key: string;
  existingId: string | null;
  kind: "staff" | "pupil";
  firstName: string;
  lastName: string;
  email: string | null;
}

export interface PlannedPartner {
  key: string;
  existingId: string | null;
  oid: string | null;
  name: string;
  country: string;
  town: string;
}

export interface PlannedMobility {
  row: number;
  action: "create" | "update" | "unchanged";
  /** The stored mobility's id (update, unchanged) or the id it will get (create). */
  id: string;
  /** The version the dry run saw; the commit refuses to update a mobility that changed since. */
  version: number | null;
  fields: TMobilityFields & { activityId: string };
  participantKey: string;
  memberParticipantKeys: (string | null)[];
  partnerKey: string;
  distanceKm: number | null;
  distanceSource: "official" | "calculated";
}

export interface BmPlan {
  project: ProjectContext;
  mobilities: PlannedMobility[];
  participants: PlannedParticipant[];
  partners: PlannedPartner[];
}

const MAX_LISTED = 2000;
/** The form's own schema, built once (not per row). */
const ZImportedMobility = ZMobilityFields.superRefine(refineMobility);
/** Stands in for a participant who does not exist yet, so the form's schema can check the rest. */
const PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000";

/** The form's field → the BM field whose cell an issue belongs to. */
const FORM_TO_BM: Readonly<Record<string, BmField>> = {
  activityId: "mobilityActivityId",
  erasmusMobilityId: "erasmusMobilityId",
  activityType: "activityType",
  status: "status",
  participantId: "lastName",
  accompanying: "accompanying",
  startDate: "startDate",
  endDate: "endDate",
  travelDays: "travelDays",
  greenTravel: "greenTravel",
  meansOfTransport: "meansOfTransport",
  receivingOrganisation: "receivingName",
  destinationCountry: "receivingCountry",
  destinationTown: "receivingCity",
  originTown: "originCity",
  distanceKm: "distanceKm",
  fewerOpportunities: "fewerOpportunities",
  courseDays: "courseDays",
  inclusionRealCostCents: "inclusionRealCost",
  expensiveTravelRealCostCents: "expensiveTravelRealCost",
  linguisticSupport: "linguisticSupport",
  pupilCount: "unnamedPupils",
  persons: "persons",
  forceMajeure: "forceMajeure",
};

type Value = string | number | boolean | null;

interface ParsedRow {
  row: number;
  values: Partial<Record<BmField, Value>>;
}

class IssueList {
  readonly all: BmIssue[] = [];
  errors = 0;
  warnings = 0;
  private readonly rowsWithErrors = new Set<number>();
  add(issue: BmIssue) {
    if (issue.severity === "error" && issue.row !== null) this.rowsWithErrors.add(issue.row);
    if (issue.severity === "error") this.errors += 1;
    else this.warnings += 1;
    if (this.all.length < MAX_LISTED) this.all.push(issue);
  }
  rowHasError(row: number) {
    return this.rowsWithErrors.has(row);
  }
}

const cellText = (cell: BmCellValue | undefined): string =>
  cell === null || cell === undefined ? "" : cell instanceof Date ? cell.toISOString() : typeof cell === "object" ? "" : String(cell);

const isEmptyRow = (row: readonly BmCellValue[]) => row.every((cell) => cellText(cell).trim() === "");

/** BM's row 2 (mandatory markers and formats) is not data. */
const ROW2_WORDS = ["mandatory", "optional", "calculated", "obvezno", "neobvezno"];
const isMarkerRow = (row: readonly BmCellValue[]) => {
  const texts = row.map((cell) => normaliseLabel(cellText(cell))).filter((text) => text !== "");
  return texts.length > 0 && texts.every((text) => ROW2_WORDS.some((word) => text.startsWith(word)));
};

const nameKey = (kind: string, first: string, last: string) => `n:${kind}:${normaliseLabel(first)}|${normaliseLabel(last)}`;

export interface AnalyseInput {
  projectId: string;
  sheet: BmSheet;
  headerOverrides?: Readonly<Record<string, BmField | null>>;
}

export interface Analysis {
  dryRun: BmDryRun;
  plan: BmPlan;
}

/** The dry run. Reads only; pass the transaction of the commit to get the state under its lock. */
export async function analyseBmImport(db: DbOrTx, actor: Actor, input: AnalyseInput): Promise<Analysis> {
  const project = await loadProjectContext(db, actor.orgId, input.projectId);
  if (!project) throw notFound("projectNotFound");
  const [numberRow] = await db
    .select({ projectNumber: projects.projectNumber })
    .from(projects)
    .where(and(eq(projects.id, project.id), eq(projects.organisationId, actor.orgId)));
  if (!numberRow) throw notFound("projectNotFound");
  const projectNumber = numberRow.projectNumber;
  const issues = new IssueList();
  const template = latestTemplate(project.action === "KA122" ? "KA122" : "KA121");
  const plan: BmPlan = { project, mobilities: [], participants: [], partners: [] };
  const result = (dataRows = 0, skippedEmptyRows = 0): Analysis => ({
    plan,
    dryRun: {
      template: template.id,
      dataRows,
      skippedEmptyRows,
      create: plan.mobilities.filter((m) => m.action === "create").length,
      update: plan.mobilities.filter((m) => m.action === "update").length,
      unchanged: plan.mobilities.filter((m) => m.action === "unchanged").length,
      newParticipants: plan.participants.filter((p) => !p.existingId).length,
      newPartners: plan.partners.filter((p) => !p.existingId).length,
      errors: issues.errors,
      warnings: issues.warnings,
      issues: issues.all,
      changes,
    },
  });
  const changes: BmChange[] = [];

  if (project.action !== "KA121" && project.action !== "KA122") {
    issues.add({ row: null, column: null, severity: "error", code: "bm.file.notMobilityProject" });
    return result();
  }
  for (const warning of input.sheet.warnings) issues.add({ row: null, column: null, severity: "warning", code: `bm.file.${warning.code}`, params: warning.params });

  // 1. Row 1: which column carries which field.
  const headerRow = input.sheet.rows[0] ?? [];
  const match = matchHeaders(template, headerRow.map(cellText), input.headerOverrides);
  for (const column of match.missingMandatory) {
    issues.add({ row: null, column: null, severity: "error", code: "bm.file.missingColumn", params: { column: column.header } });
  }
  for (const unknown of match.unknown) issues.add({ row: 0, column: unknown.index, severity: "warning", code: "bm.file.unknownColumn", params: { column: unknown.header } });
  for (const duplicate of match.duplicates) issues.add({ row: 0, column: duplicate.index, severity: "warning", code: "bm.file.duplicateColumn", params: { column: duplicate.header } });
  if (match.missingMandatory.length > 0) return result();
  const columnIndex = new Map<BmField, number>([...match.fields].map(([index, field]) => [field, index]));
  const columnCache = new Map<BmField, ReturnType<typeof columnOf>>();
  const column = (field: BmField) => {
    if (!columnCache.has(field)) columnCache.set(field, columnOf(template, field));
    return columnCache.get(field);
  };
  const present = (field: BmField) => columnIndex.has(field);
  const at = (field: BmField) => columnIndex.get(field) ?? null;

  // 2. Cells.
  const special = maySeeSpecialCategory(actor);
  let specialIgnored = false;
  const parsed: ParsedRow[] = [];
  let skippedEmptyRows = 0;
  const firstData = input.sheet.rows[1] && isMarkerRow(input.sheet.rows[1]) ? 2 : 1;
  for (let r = firstData; r < input.sheet.rows.length; r++) {
    const raw = input.sheet.rows[r] ?? [];
    if (isEmptyRow(raw)) {
      skippedEmptyRows += 1;
      continue;
    }
    const values: ParsedRow["values"] = {};
    for (const [index, field] of match.fields) {
      const spec = column(field);
      if (!spec) continue;
      const cell = parseCell(spec.format, raw[index] ?? null);
      if (!cell.ok) {
        issues.add({ row: r, column: index, severity: "error", code: `bm.cell.${cell.code}`, params: cell.params });
        continue;
      }
      if (spec.specialCategory && !special) {
        if (cell.value !== null && cell.value !== false) specialIgnored = true;
        continue;
      }
      values[field] = cell.value;
    }
    parsed.push({ row: r, values });
  }
  if (specialIgnored) issues.add({ row: null, column: null, severity: "warning", code: "bm.file.specialCategoryIgnored" });
  if (parsed.length > MAX_BM_ROWS) {
    issues.add({ row: null, column: null, severity: "error", code: "bm.file.tooManyRows", params: { max: MAX_BM_ROWS } });
    return result(parsed.length, skippedEmptyRows);
  }

  // 3. Rows: mandatory values, this project's number, unique IDs, groups.
  const text = (row: ParsedRow, field: BmField) => {
    const value = row.values[field];
    return typeof value === "string" ? value : value === null || value === undefined ? null : String(value);
  };
  const required = (row: ParsedRow, field: BmField) => {
    if (row.values[field] === null || row.values[field] === undefined) {
      // A present cell without a value failed to parse: that error is already reported.
      if (!present(field) || row.values[field] === null) {
        issues.add({ row: row.row, column: at(field), severity: "error", code: "bm.cell.required", params: { column: column(field)?.header ?? field } });
      }
      return false;
    }
    return true;
  };
  const prefix = projectNumber.slice(-6);
  const firstRowOfId = new Map<string, number>();
  const leads: ParsedRow[] = [];
  const membersOf = new Map<string, ParsedRow[]>();
  for (const row of parsed) {
    for (const field of ["dataType", "grantAgreementNo", "mobilityActivityId"] as const) required(row, field);
    const number = text(row, "grantAgreementNo");
    if (number !== null && number.trim().toUpperCase() !== projectNumber) {
      issues.add({ row: row.row, column: at("grantAgreementNo"), severity: "error", code: "bm.row.otherProject", params: { number: number.slice(0, 40), expected: projectNumber } });
    }
    const id = text(row, "mobilityActivityId");
    if (id === null) continue;
    const foreign = /^(\d{6})-MOB-\d+/.exec(id);
    if (foreign && foreign[1] !== prefix) {
      issues.add({ row: row.row, column: at("mobilityActivityId"), severity: "error", code: "bm.row.idOfOtherProject", params: { id, prefix } });
    }
    const first = firstRowOfId.get(id);
    if (first !== undefined) {
      issues.add({ row: row.row, column: at("mobilityActivityId"), severity: "error", code: "bm.row.duplicateId", params: { id, row: first + 1 } });
      continue;
    }
    firstRowOfId.set(id, row.row);
    const group = text(row, "groupId");
    if (group !== null && group !== id) membersOf.set(group, [...(membersOf.get(group) ?? []), row]);
    else leads.push(row);
  }
  const leadIds = new Set(leads.map((row) => text(row, "mobilityActivityId")));
  for (const [group, rows] of membersOf) {
    if (leadIds.has(group)) continue;
    for (const row of rows) issues.add({ row: row.row, column: at("groupId"), severity: "error", code: "bm.row.groupNotFound", params: { group } });
  }

  // 4. Who and where: participants by e-mail (else name and kind), partners by OID (else name and country).
  const existingPeople = await db
    .select({ id: participants.id, kind: participants.kind, firstName: participants.firstName, lastName: participants.lastName, email: participants.email })
    .from(participants)
    .where(eq(participants.organisationId, actor.orgId));
  const personByKey = new Map<string, string>();
  for (const p of existingPeople) {
    if (p.email) personByKey.set(`e:${p.email.trim().toLowerCase()}`, p.id);
    const key = nameKey(p.kind, p.firstName, p.lastName);
    if (!personByKey.has(key)) personByKey.set(key, p.id);
  }
  const plannedPeople = new Map<string, PlannedParticipant>();
  const personFor = (row: ParsedRow, kind: "staff" | "pupil", mandatory: boolean): string | null => {
    const firstName = text(row, "firstName")?.trim() ?? "";
    const lastName = text(row, "lastName")?.trim() ?? "";
    const email = text(row, "email");
    if (!firstName || !lastName) {
      if (mandatory) {
        if (!firstName) required(row, "firstName");
        if (!lastName) required(row, "lastName");
      }
      if (!email) return null;
    }
    const key = email ? `e:${email}` : nameKey(kind, firstName, lastName);
    const existingId = personByKey.get(key) ?? null;
    if (existingId) return `id:${existingId}`;
    if (!firstName || !lastName) {
      required(row, firstName ? "lastName" : "firstName");
      return null;
    }
    if (!plannedPeople.has(key)) plannedPeople.set(key, { key, existingId: null, kind, firstName, lastName, email });
    return `new:${key}`;
  };

  const existingPartners = await db
    .select({ id: partnerOrganisations.id, oid: partnerOrganisations.oid, name: partnerOrganisations.name, country: partnerOrganisations.country })
    .from(partnerOrganisations)
    .where(eq(partnerOrganisations.organisationId, actor.orgId));
  const partnerByKey = new Map<string, string>();
  for (const p of existingPartners) {
    if (p.oid) partnerByKey.set(`o:${p.oid}`, p.id);
    partnerByKey.set(`n:${p.name.trim().toLowerCase()}|${p.country}`, p.id);
  }
  const plannedPartners = new Map<string, PlannedPartner>();
  const partnerFor = (row: ParsedRow, name: string, country: string, town: string): string => {
    const oidText = text(row, "receivingOid")?.trim().toUpperCase() ?? null;
    let oid: string | null = null;
    if (oidText) {
      if (/^E\d{8}$/.test(oidText)) oid = oidText;
      else issues.add({ row: row.row, column: at("receivingOid"), severity: "error", code: "validation.oidFormat" });
    }
    const byOid = oid ? partnerByKey.get(`o:${oid}`) : undefined;
    const nameKeyOf = `n:${name.trim().toLowerCase()}|${country}`;
    const found = byOid ?? partnerByKey.get(nameKeyOf);
    if (found) return `id:${found}`;
    if (!plannedPartners.has(nameKeyOf)) plannedPartners.set(nameKeyOf, { key: nameKeyOf, existingId: null, oid, name, country, town });
    return `new:${nameKeyOf}`;
  };

  // 5. Each mobility through the form's schema, compared with what is stored.
  const stored = await loadProjectMobilities(db, actor.orgId, project.id);
  const storedById = new Map(stored.map((m) => [m.activityId, m]));
  const rates = await ratesForProject(db, project);
  const planned: PlannedMobility[] = [];
  for (const lead of leads) {
    const activityId = text(lead, "mobilityActivityId");
    if (activityId === null) continue;
    const hasActivity = required(lead, "activityType");
    const hasPlace = [required(lead, "receivingName"), required(lead, "receivingCountry"), required(lead, "receivingCity")].every(Boolean);
    const hasDates = [required(lead, "startDate"), required(lead, "endDate")].every(Boolean);
    // A row with a refused cell is not planned: the file cannot be committed anyway, and the counts stay honest.
    if (!hasActivity || !hasPlace || !hasDates || issues.rowHasError(lead.row)) continue;
    const activityType = lead.values.activityType as TActivityType;
    const isGroup = activityType === "LM-GRP-PUPIL";
    const memberRows = membersOf.get(activityId) ?? [];
    if (!isGroup && memberRows.length > 0) {
      for (const row of memberRows) issues.add({ row: row.row, column: at("groupId"), severity: "error", code: "bm.row.groupNotAGroup", params: { group: activityId } });
      continue;
    }
    const existing = storedById.get(activityId);
    const accompanying = isGroup ? false : lead.values.accompanying === true;
    const leadKind = PUPIL_ACTIVITIES.includes(activityType) && !accompanying && !isGroup ? "pupil" : "staff";
    const participantKey = personFor(lead, leadKind, true);
    if (participantKey === null) continue;
    const name = text(lead, "receivingName") ?? "";
    const country = text(lead, "receivingCountry") ?? "";
    const town = text(lead, "receivingCity") ?? "";
    const partnerKey = partnerFor(lead, name, country, town);

    /** A column the file has: its value (empty clears it); a column it lacks: what is stored (or the default). */
    const pick = <T,>(field: BmField, stored: T, fallback: T, convert: (value: Value) => T): T =>
      present(field) && !(column(field)?.specialCategory && !special) ? convert(lead.values[field] ?? null) : existing ? stored : fallback;
    const bool = (value: Value) => value === true;
    const optionalNumber = (value: Value) => (typeof value === "number" ? value : undefined);
    const optionalText = (value: Value) => (typeof value === "string" ? value : undefined);

    const memberKeys: (string | null)[] = [];
    const members: TMobilityFields["members"] = [];
    for (const row of memberRows) {
      const role = row.values.accompanying === true ? "accompanying" : "pupil";
      const key = personFor(row, role === "pupil" ? "pupil" : "staff", role === "accompanying");
      memberKeys.push(key);
      const start = typeof row.values.startDate === "string" && row.values.startDate !== lead.values.startDate ? row.values.startDate : undefined;
      const end = typeof row.values.endDate === "string" && row.values.endDate !== lead.values.endDate ? row.values.endDate : undefined;
      const before = existing?.members.find((m) => `id:${m.participantId}` === key && m.role === role);
      members.push({
        participantId: key ? PLACEHOLDER_ID : undefined,
        role,
        fewerOpportunities: special ? row.values.fewerOpportunities === true : (before?.fewerOpportunities ?? false),
        startDate: start,
        endDate: end,
        inclusionRealCostCents: special ? optionalNumber(row.values.inclusionRealCost ?? null) : (before?.inclusionRealCostCents ?? undefined),
      });
    }

    const candidate = {
      activityId,
      erasmusMobilityId: pick("erasmusMobilityId", existing?.erasmusMobilityId ?? undefined, undefined, optionalText),
      activityType,
      status: pick("status", existing?.status ?? "planned", "planned", (v) => (typeof v === "string" ? v : (existing?.status ?? "planned"))),
      participantId: PLACEHOLDER_ID,
      accompanying,
      startDate: lead.values.startDate as string,
      endDate: lead.values.endDate as string,
      travelDays: pick("travelDays", existing?.travelDays ?? 0, 0, (v) => (typeof v === "number" ? v : 0)),
      greenTravel: pick("greenTravel", existing?.greenTravel ?? false, false, bool),
      meansOfTransport: pick("meansOfTransport", existing?.meansOfTransport ?? undefined, undefined, optionalText),
      receivingOrganisation: name,
      destinationCountry: country,
      destinationTown: town,
      originTown: pick("originCity", existing?.originTown ?? undefined, undefined, optionalText),
      distanceKm: optionalNumber(lead.values.distanceKm ?? null),
      fewerOpportunities: isGroup || accompanying ? false : pick("fewerOpportunities", existing?.fewerOpportunities ?? false, false, bool),
      courseDays: activityType === "SM-COUR-TRAIN" ? pick("courseDays", existing?.courseDays ?? undefined, undefined, optionalNumber) : undefined,
      inclusionRealCostCents: isGroup ? undefined : pick("inclusionRealCost", existing?.inclusionRealCostCents ?? undefined, undefined, optionalNumber),
      expensiveTravelRealCostCents: pick("expensiveTravelRealCost", existing?.expensiveTravelRealCostCents ?? undefined, undefined, optionalNumber),
      linguisticSupport: pick("linguisticSupport", existing?.linguisticSupport ?? false, false, bool),
      pupilCount: isGroup ? pick("unnamedPupils", existing?.pupilCount ?? 0, 0, (v) => (typeof v === "number" ? v : 0)) : 0,
      persons: activityType === "PREP-VISIT" ? pick("persons", existing?.persons ?? 1, 1, (v) => (typeof v === "number" ? v : 1)) : 1,
      forceMajeure: pick("forceMajeure", existing?.forceMajeure ?? false, false, bool),
      notes: existing?.notes ?? undefined,
      members,
    };
    const validated = ZImportedMobility.safeParse(candidate);
    if (!validated.success) {
      for (const issue of validated.error.issues) {
        const [first, index, memberField] = issue.path;
        if (first === "members" && typeof index === "number") {
          const row = memberRows[index];
          const field = typeof memberField === "string" ? FORM_TO_BM[memberField] : undefined;
          issues.add({ row: row?.row ?? lead.row, column: field ? at(field) : null, severity: "error", code: `validation.${issue.message}` });
        } else {
          const field = typeof first === "string" ? FORM_TO_BM[first] : undefined;
          issues.add({ row: lead.row, column: field ? at(field) : null, severity: "error", code: `validation.${issue.message}` });
        }
      }
      continue;
    }
    const fields = { ...validated.data, activityId };

    // Distance: the file's km (the official calculator's); else unchanged towns keep the stored km; else the towns.
    let distanceKm: number | null;
    let distanceSource: "official" | "calculated";
    if (fields.distanceKm !== undefined) {
      distanceKm = fields.distanceKm;
      distanceSource = existing && existing.distanceKm === distanceKm ? existing.distanceSource : "official";
    } else if (
      existing &&
      existing.distanceSource === "calculated" &&
      existing.destinationTown === fields.destinationTown &&
      existing.destinationCountry === fields.destinationCountry &&
      (existing.originTown ?? undefined) === fields.originTown
    ) {
      distanceKm = existing.distanceKm;
      distanceSource = "calculated";
    } else {
      const resolved = await resolveMobilityDistance(project, fields);
      distanceKm = resolved.km;
      distanceSource = "calculated";
      for (const error of resolved.errors) issues.add({ row: lead.row, column: at("receivingCity"), severity: "warning", code: `rules.${error.code}`, params: error.params });
    }

    const entry: PlannedMobility = {
      row: lead.row,
      action: "create",
      id: existing?.id ?? randomUUID(),
      version: existing?.version ?? null,
      fields,
      participantKey,
      memberParticipantKeys: memberKeys,
      partnerKey,
      distanceKm,
      distanceSource,
    };
    if (existing) {
      const diff = differences(existing, entry);
      entry.action = diff.length === 0 ? "unchanged" : "update";
      if (diff.length > 0 && changes.length < MAX_LISTED) changes.push({ activityId, row: lead.row, action: "update", fields: diff });
    } else if (changes.length < MAX_LISTED) {
      changes.push({ activityId, row: lead.row, action: "create", fields: [] });
    }
    planned.push(entry);
  }
  plan.mobilities = planned;
  plan.participants = [...plannedPeople.values()];
  plan.partners = [...plannedPartners.values()];

  // 6. The whole project after the import, through the rules engine: its issues per mobility, and the KA122 cap.
  const plannedIds = new Set(planned.map((m) => m.id));
  const resolved: ResolvedMobility[] = stored
    .filter((row) => !plannedIds.has(row.id))
    .map((row) => ({ mobility: storedToProjectMobility(project, row), distance: { km: row.distanceKm, errors: [] } }));
  for (const m of planned) {
    resolved.push({
      mobility: toProjectMobility(project, m.id, m.participantKey, m.fields.status, { ...m.fields, distanceKm: m.distanceKm }),
      distance: { km: m.distanceKm, errors: [] },
    });
  }
  const after = calculateProjectBudget(toEngineProject(project), resolved, rates);
  const before = projectBudget(project, stored, rates);
  const byId = new Map(after.mobilities.map((entry) => [entry.id, entry.estimate]));
  for (const m of planned) {
    if (m.action === "unchanged") continue;
    const estimate = byId.get(m.id);
    for (const issue of [...(estimate?.errors ?? []), ...(estimate?.warnings ?? [])]) {
      const field = issue.field ? FORM_TO_BM[issue.field] : undefined;
      issues.add({ row: m.row, column: field ? at(field) : null, severity: "warning", code: `rules.${issue.code}`, params: issue.params });
    }
  }
  const max = rates.project.ka122MaxParticipants.value;
  if (project.action === "KA122" && after.participantCount > max && after.participantCount > before.participantCount) {
    issues.add({ row: null, column: null, severity: "error", code: "bm.file.ka122Cap", params: { max, count: after.participantCount } });
  }
  return result(parsed.length, skippedEmptyRows);
}

type Comparable = Record<string, Value>;

/** The stored columns an import can change, compared one by one (the participant and members apart). */
const COMPARED_COLUMNS = [
  "erasmusMobilityId", "activityType", "status", "accompanying", "startDate", "endDate", "travelDays", "greenTravel",
  "meansOfTransport", "receivingOrganisation", "destinationCountry", "destinationTown", "originTown", "distanceKm",
  "fewerOpportunities", "courseDays", "inclusionRealCostCents", "expensiveTravelRealCostCents", "linguisticSupport",
  "pupilCount", "persons", "forceMajeure",
] as const;

function pick(row: Record<(typeof COMPARED_COLUMNS)[number], Value>): Comparable {
  return Object.fromEntries(COMPARED_COLUMNS.map((column) => [column, row[column]]));
}

function comparableStored(m: StoredMobility): Comparable {
  return {
    ...pick(m),
    participant: m.participantId ? `id:${m.participantId}` : null,
    members: JSON.stringify(
      m.members.map((x) => [x.role, x.participantId ? `id:${x.participantId}` : null, x.fewerOpportunities, x.startDate, x.endDate, x.inclusionRealCostCents]),
    ),
  };
}

function comparablePlanned(m: PlannedMobility): Comparable {
  const f = m.fields;
  const isGroup = f.activityType === "LM-GRP-PUPIL";
  return {
    // The values as saving would store them (mobilityRowValues normalises groups, courses, flags).
    ...pick(mobilityRowValues(f, { km: m.distanceKm, source: "official" })),
    participant: m.participantKey,
    members: JSON.stringify(
      (isGroup ? f.members : []).map((x, i) => [
        x.role,
        m.memberParticipantKeys[i] ?? null,
        x.role === "pupil" ? x.fewerOpportunities : false,
        x.startDate ?? null,
        x.endDate ?? null,
        x.inclusionRealCostCents ?? null,
      ]),
    ),
  };
}

function differences(stored: StoredMobility, planned: PlannedMobility): BmChange["fields"] {
  const before = comparableStored(stored);
  const after = comparablePlanned(planned);
  return Object.keys(after)
    .filter((key) => before[key] !== after[key])
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
