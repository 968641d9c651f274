/**
 * Collecting errors and warnings while a calculation runs. An error makes the result ineligible
 * (and its money zero); a warning is information the user should see beside the figures.
 */
import { RULE_MESSAGES_EN, type RuleCode } from "./codes";
import { englishMessage } from "./english";
import { GRANT_LINES, type GrantLine } from "./grant-lines";
import type { Figure, FigureSource, IssueParams, RuleIssue } from "./types";

/**
 * The grant line each kind of figure feeds, by the first part of its key (`travel.500-1999.green`
 * → travel). Figures that only decide eligibility (duration limits, project rules) feed none.
 */
const LINE_OF_FIGURE: Readonly<Record<string, GrantLine | null>> = {
  travel: "travel",
  travelDays: "individualSupport",
  countryGroups: "individualSupport",
  individualSupport: "individualSupport",
  individualSupportReduction: "individualSupport",
  organisationalSupport: "organisationalSupport",
  courseFees: "courseFees",
  inclusionSupport: "inclusionSupport",
  linguisticSupport: "linguisticSupport",
  expensiveTravel: "exceptionalCosts",
  preparatoryVisits: "preparatoryVisits",
};

export function lineOfFigure(key: string): GrantLine | null {
  return LINE_OF_FIGURE[key.split(".")[0] ?? ""] ?? null;
}

/** Figure sources without repeats (a group's persons use the same figures), in first-use order. */
export function dedupeSources(items: readonly FigureSource[]): FigureSource[] {
  const seen = new Map<string, FigureSource>();
  for (const item of items) if (!seen.has(item.figure)) seen.set(item.figure, item);
  return [...seen.values()];
}

export function issue(code: RuleCode, params?: IssueParams, field?: string): RuleIssue {
  return {
    code,
    message: englishMessage(RULE_MESSAGES_EN[code], params),
    ...(params ? { params } : {}),
    ...(field ? { field } : {}),
  };
}

/** Identity of an issue for de-duplication (the English message is derived, so not part of it). */
export function issueKey(item: RuleIssue): string {
  return JSON.stringify([item.code, item.field ?? "", item.params ?? {}]);
}

export function dedupeIssues(items: readonly RuleIssue[]): RuleIssue[] {
  const seen = new Map<string, RuleIssue>();
  for (const item of items) if (!seen.has(issueKey(item))) seen.set(issueKey(item), item);
  return [...seen.values()];
}

/**
 * Errors, warnings, missing figures and the figures a calculation used (to flag unconfirmed ones).
 * A missing figure (a rate nobody has entered yet) is not an error: it makes unknown only the grant
 * lines that depend on it, and the other lines are still computed.
 */
export class IssueCollector {
  readonly errors: RuleIssue[] = [];
  readonly warnings: RuleIssue[] = [];
  private readonly missingFigures: RuleIssue[] = [];
  private readonly unknown = new Set<GrantLine>();
  private readonly unconfirmed = new Set<string>();
  private readonly used = new Map<string, FigureSource>();

  /** A figure nobody has entered: the lines that depend on it are unknown. */
  missing(code: RuleCode, params: IssueParams | undefined, field: string | undefined, lines: readonly GrantLine[]): void {
    this.missingFigures.push(issue(code, params, field));
    for (const line of lines) this.unknown.add(line);
  }

  /** The lines a missing figure made unknown, in GRANT_LINES order. */
  unknownLines(): GrantLine[] {
    return GRANT_LINES.filter((line) => this.unknown.has(line));
  }

  finalMissing(): RuleIssue[] {
    return dedupeIssues(this.missingFigures);
  }

  error(code: RuleCode, params?: IssueParams, field?: string): void {
    this.errors.push(issue(code, params, field));
  }

  warn(code: RuleCode, params?: IssueParams, field?: string): void {
    this.warnings.push(issue(code, params, field));
  }

  /** Reads a figure's value, remembering where it came from, and its name when its confidence is U. */
  use<T>(name: string, figure: Figure<T>): T {
    if (figure.confidence === "U") this.unconfirmed.add(name);
    if (!this.used.has(name)) {
      this.used.set(name, { figure: name, line: lineOfFigure(name), origin: figure.origin ?? "default", source: figure.source, confidence: figure.confidence });
    }
    return figure.value;
  }

  /** Every figure read, with its origin and source, in first-use order. */
  sources(): FigureSource[] {
    return [...this.used.values()];
  }

  /** FIGURE_UNCONFIRMED warnings for every U figure used, then all warnings de-duplicated. */
  finalWarnings(callYear: number): RuleIssue[] {
    const unconfirmed = [...this.unconfirmed].map((rate) => issue("FIGURE_UNCONFIRMED", { rate, callYear }));
    return dedupeIssues([...this.warnings, ...unconfirmed]);
  }

  finalErrors(): RuleIssue[] {
    return dedupeIssues(this.errors);
  }
}
