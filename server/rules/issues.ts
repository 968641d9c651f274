/**
 * Collecting errors and warnings while a calculation runs. An error makes the result ineligible
 * (and its money zero); a warning is information the user should see beside the figures.
 */
import { RULE_MESSAGES_EN, type RuleCode } from "./codes";
import type { Figure, IssueParams, RuleIssue } from "./types";

/** Fills `{name}` placeholders; a placeholder without a param stays visible rather than vanishing. */
export function formatMessage(template: string, params: IssueParams = {}): string {
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

/** Errors, warnings and the figures a calculation used (to flag unconfirmed ones). */
export class IssueCollector {
  readonly errors: RuleIssue[] = [];
  readonly warnings: RuleIssue[] = [];
  private readonly unconfirmed = new Set<string>();

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
