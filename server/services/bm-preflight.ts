import type { DbOrTx } from "@/db/client";
import { bmWouldReport, type BmField } from "@/server/bm";
import type { RuleIssue } from "@/server/rules";
import { collectBmRows } from "./bm-export";
import type { Actor } from "./memberships";
import { isSpecialCategoryIssueField, maySeeSpecialCategory } from "./permissions";

/*
 * The pre-flight check before a BM export, "what BM would say": for the rows the export would write,
 * every mandatory column of the BM template (row 2's marker, server/bm) that would be empty, and the
 * rules engine's issues of each mobility and of the project (durations, travel days, an accompanying
 * person with fewer opportunities, a group without staff, the KA122 participant cap …). Engine errors
 * and missing mandatory values are what BM refuses; engine warnings what it flags. No rule lives here:
 * the template says what is mandatory, the engine what is wrong.
 */

export interface BmPreflightIssue {
  /** The mobility to fix (a group member's row points at its group). */
  mobilityId: string;
  /** The row's Mobility activity ID as the export writes it. */
  activityId: string;
  severity: "refuse" | "flag";
  /** `bm.preflight.missing` (with `fields`) or `rules.<CODE>` (with the engine's params). */
  code: string;
  params?: Readonly<Record<string, string | number>>;
  /** The mandatory fields that would be empty (keys of `bm.fields`). */
  fields?: BmField[];
}

export interface BmPreflight {
  template: string;
  /** Mobilities checked, and rows the export would write. */
  mobilities: number;
  rows: number;
  /** Mobilities BM would refuse, and (apart from those) flag. */
  refused: number;
  flagged: number;
  issues: BmPreflightIssue[];
  /** About the whole project (the KA122 cap, the project's duration): fixed on the project, not a mobility. */
  projectIssues: { severity: "refuse" | "flag"; code: string; params?: Readonly<Record<string, string | number>> }[];
  /** Issues left out because they would tell special-category data to a member without the permission. */
  hiddenSpecialCategory: number;
}

const isEmpty = (value: unknown) => value === null || value === undefined || (typeof value === "string" && value.trim() === "");

export async function bmPreflight(db: DbOrTx, actor: Actor, input: { projectId: string; onlyCompleted: boolean }): Promise<BmPreflight> {
  const { template, rows, budget } = await collectBmRows(db, actor, input);
  const special = maySeeSpecialCategory(actor);
  const mandatory = template.columns.filter((column) => column.mandatory && !column.exportOnly);
  const issues: BmPreflightIssue[] = [];
  let hiddenSpecialCategory = 0;

  for (const row of rows) {
    const fields = mandatory.filter((column) => isEmpty(row.values[column.field])).map((column) => column.field);
    if (fields.length > 0) {
      issues.push({ mobilityId: row.mobility.id, activityId: row.activityId, severity: "refuse", code: "bm.preflight.missing", fields });
    }
  }

  const chosen = new Map(rows.map((row) => [row.mobility.id, row.mobility]));
  const engineIssue = (mobilityId: string, activityId: string, severity: "refuse" | "flag", issue: RuleIssue) => {
    if (!bmWouldReport(issue.code)) return;
    if (!special && isSpecialCategoryIssueField(issue.field)) {
      hiddenSpecialCategory += 1;
      return;
    }
    issues.push({ mobilityId, activityId, severity, code: `rules.${issue.code}`, params: issue.params });
  };
  for (const entry of budget.mobilities) {
    const mobility = chosen.get(entry.id);
    if (!mobility) continue;
    for (const issue of entry.estimate.errors) engineIssue(mobility.id, mobility.activityId, "refuse", issue);
    for (const issue of entry.estimate.warnings) engineIssue(mobility.id, mobility.activityId, "flag", issue);
  }

  const projectIssues: BmPreflight["projectIssues"] = [
    ...budget.errors.filter((issue) => bmWouldReport(issue.code)).map((issue) => ({ severity: "refuse" as const, code: `rules.${issue.code}`, params: issue.params })),
    ...budget.warnings.filter((issue) => bmWouldReport(issue.code)).map((issue) => ({ severity: "flag" as const, code: `rules.${issue.code}`, params: issue.params })),
  ];

  // One mobility's rows in export order, refusals before flags.
  const order = new Map(rows.map((row, index) => [row.activityId, index]));
  issues.sort((a, b) => (order.get(a.activityId) ?? 0) - (order.get(b.activityId) ?? 0) || (a.severity === b.severity ? 0 : a.severity === "refuse" ? -1 : 1));
  const refusedIds = new Set(issues.filter((i) => i.severity === "refuse").map((i) => i.mobilityId));
  const flaggedIds = new Set(issues.filter((i) => i.severity === "flag" && !refusedIds.has(i.mobilityId)).map((i) => i.mobilityId));
  return {
    template: template.id,
    mobilities: chosen.size,
    rows: rows.length,
    refused: refusedIds.size,
    flagged: flaggedIds.size,
    issues,
    projectIssues,
    hiddenSpecialCategory,
  };
}
