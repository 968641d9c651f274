/**
 * The rules engine's issues in human words, the same on every screen and in every file (forms, the
 * calculator, the grant panel, the NA's XLSX). The engine speaks in codes and keys (`RATE_MISSING`,
 * `individualSupport.SI01.staff.group2`, `SM-COUR-TRAIN`); this turns them into sentences through
 * the `rules`, `figures` and `activities` messages and never lets a key through: an unknown figure is
 * named by its category, or as "a figure of the rate tables".
 *
 * Pure (no React, no next-intl import): both `useTranslations` and `getTranslations` fit `Translate`.
 */

type Values = Record<string, string | number>;

/** A translator of one namespace, as next-intl's `useTranslations` and `getTranslations` return. */
export interface Translate {
  (key: string, values?: Values): string;
  has(key: string): boolean;
}

export interface RuleTranslators {
  rules: Translate;
  figures: Translate;
  activities: Translate;
  /** For country names (Intl.DisplayNames). */
  locale: string;
}

export interface IssueLike {
  code: string;
  params?: Readonly<Record<string, string | number | boolean | null | undefined>>;
}

/** Params that are years: labels, not quantities (as numbers ICU would print "2,024"). */
const YEAR_PARAMS = ["callYear", "fromYear", "toYear"] as const;

function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export function activityName(code: string, tr: Pick<RuleTranslators, "activities">): string {
  return tr.activities.has(code) ? tr.activities(code) : code;
}

/**
 * A figure key of the engine (`travel.500-1999.green`, `durationLimits.SM-COUR-TRAIN`,
 * `individualSupport.SI01.pupil.group2.reduced` …) as words.
 */
export function figureText(key: string, tr: RuleTranslators): string {
  const { figures: t } = tr;
  const [category = "", ...rest] = key.split(".");
  const named = (messageKey: string, values?: Values) => (t.has(messageKey) ? t(messageKey, values) : undefined);
  const text = (() => {
    switch (category) {
      case "travel": {
        const [band, kind] = rest;
        return band && kind ? named(`travel_${kind}`, { band }) : undefined;
      }
      case "durationLimits":
        return rest[0] ? named("durationLimits_activity", { activity: activityName(rest.join("."), tr) }) : undefined;
      case "countryGroups":
        return rest[0] ? named("countryGroups_country", { country: countryName(rest[0], tr.locale) }) : undefined;
      case "individualSupport": {
        const [, person, group, reduced] = rest;
        const groupNumber = /^group(\d+)$/.exec(group ?? "")?.[1];
        if (!person || !groupNumber) return undefined;
        const values = { person: named(`person_${person}`) ?? person, group: groupNumber };
        return named(reduced === "reduced" ? "individualSupport_reduced" : "individualSupport_rate", values);
      }
      default:
        return rest.length === 1 ? named(`${category}_${rest[0]}`) : undefined;
    }
  })();
  return text ?? named(category) ?? t("figure");
}

/**
 * A figure of the rate tables as the NA's rate page lists it (table section and path, e.g.
 * `individualSupport` + `["staff", "2", "reduced"]`, `durations` + `["SM-TTA"]`, one bound of a
 * duration limit `durations` + `["SM-TTA", "maxDays"]`) in words.
 */
export function rateTableFigureText(section: string, path: readonly string[], tr: RuleTranslators): string {
  const [first = "", second = "", third] = path;
  switch (section) {
    case "individualSupport":
      return figureText(`individualSupport.NA.${first}.group${second}${third === "reduced" ? ".reduced" : ""}`, tr);
    case "durations": {
      const bound = second === "minDays" ? "durationLimits_min" : second === "maxDays" ? "durationLimits_max" : null;
      if (bound && tr.figures.has(bound)) return tr.figures(bound, { activity: activityName(first, tr) });
      return figureText(`durationLimits.${first}`, tr);
    }
    case "expensiveTravel":
      return figureText(`expensiveTravel.${first === "thresholdPercent" ? "threshold" : "grant"}`, tr);
    default:
      return figureText([section, ...path].join("."), tr);
  }
}

/** An issue's params made readable: activity codes, figure keys, countries and years. */
export function readableParams(params: IssueLike["params"], tr: RuleTranslators): Values {
  const readable: Values = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue;
    readable[name] = typeof value === "boolean" ? String(value) : value;
  }
  if (typeof readable.activityType === "string") readable.activityType = activityName(readable.activityType, tr);
  if (typeof readable.rate === "string") readable.rate = figureText(readable.rate, tr);
  if (typeof readable.country === "string" && readable.country !== "") readable.country = countryName(readable.country, tr.locale);
  if (typeof readable.countries === "string") {
    readable.countries = readable.countries
      .split(",")
      .map((code) => countryName(code.trim(), tr.locale))
      .join(", ");
  }
  for (const year of YEAR_PARAMS) if (readable[year] !== undefined) readable[year] = String(readable[year]);
  return readable;
}

/** The sentence for an engine issue; an unknown code says so in words rather than showing the code. */
export function ruleIssueText(issue: IssueLike, tr: RuleTranslators): string {
  if (tr.rules.has(issue.code)) return tr.rules(issue.code, readableParams(issue.params, tr));
  return tr.rules("unknownIssue");
}
