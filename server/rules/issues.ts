/**
 * Collecting errors and warnings while a calculation runs. An error makes the result ineligible
 * (and its money zero); a warning is information the user should see beside the figures.
 */
import { RULE_MESSAGES_EN, type RuleCode } from "./codes";
import { GRANT_LINES, type GrantLine } from "./grant-lines";
import type { Figure, IssueParams, RuleIssue } from "./types";

/** Fills `{name}` placeholders; a placeholder without a param stays visible rather than vanishing. */
function formatMessage(template: string, params: IssueParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

export function issue(code: RuleCode, params?: IssueParams, field?: string): RuleIssue {
  return {
    code,
    message: formatMessage(RULE_MESSAGES_EN[code], params),
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

  /** Reads a figure's value, remembering its name when its confidence is U. */
  use<T>(name: string, figure: Figure<T>): T {
    if (figure.confidence === "U") this.unconfirmed.add(name);
    return figure.value;
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
