"use client";

import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { ChevronDown, ExternalLink, RotateCcw, Sparkles } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { cn } from "@/lib/utils";
import { ESTIMATE_ACTIVITY_TYPES } from "@/server/schemas/rules";
import type { RuleIssue } from "@/server/rules/types";
import {
  EMPTY_STATE,
  paramsFromState,
  stateFromParams,
  toEstimateInput,
  type TCalculatorState,
  type TInvalidField,
} from "./calculator-state";
import { ResultPanel } from "./result-panel";
import { useIssueText } from "./use-issue-text";

export interface TCalculatorData {
  callYears: number[];
  /** National Agencies offered in the list (the home NA first). */
  naCodes: string[];
  /** NA code → call years whose individual support rates the engine's tables hold. */
  publishedRates: Record<string, number[]>;
  /** Call year → countries with a country group (the programme countries). */
  countriesByYear: Record<string, string[]>;
}

/** How long typing may pause before the URL and the estimate follow. */
const DEBOUNCE_MS = 300;

/** How many recent query strings count as this page's own (far more than can be in flight). */
const KNOWN_QUERIES = 20;

/** The EC's official distance calculator (km, no money). */
const EC_DISTANCE_CALCULATOR = "https://erasmus-plus.ec.europa.eu/resources-and-tools/distance-calculator";

/** A worked example whose figures are known (IS01 publishes its rates for call 2024). */
const EXAMPLE: TCalculatorState = {
  ...EMPTY_STATE,
  callYear: "2024",
  naCode: "IS01",
  startDate: "2024-10-07",
  endDate: "2024-10-11",
  destinationCountry: "AT",
  origin: "Ljubljana",
  originCountry: "SI",
  destination: "Vienna",
};

/** Engine issue fields → the form field they are shown beside. */
const ISSUE_FIELDS: Readonly<Record<string, keyof TCalculatorState>> = {
  callYear: "callYear",
  naCode: "naCode",
  startDate: "startDate",
  endDate: "endDate",
  travelDays: "travelDays",
  greenTravel: "greenTravel",
  distanceKm: "distanceKm",
  origin: "origin",
  destination: "destination",
  destinationCountry: "destinationCountry",
  fewerOpportunities: "fewerOpportunities",
  inclusionRealCostEur: "inclusionRealCost",
  expensiveTravelRealCostEur: "expensiveTravelRealCost",
  courseDays: "courseDays",
  linguisticSupport: "linguisticSupport",
  persons: "persons",
  accompanying: "accompanying",
};

const MORE_FIELDS: readonly (keyof TCalculatorState)[] = [
  "fewerOpportunities",
  "inclusionRealCost",
  "expensiveTravelRealCost",
  "courseDays",
  "linguisticSupport",
  "persons",
];

function remember(known: readonly string[], query: string): readonly string[] {
  return [...known.filter((item) => item !== query).slice(-KNOWN_QUERIES + 1), query];
}

function hasMoreOptions(state: TCalculatorState): boolean {
  return MORE_FIELDS.some((field) => state[field] !== EMPTY_STATE[field]);
}

const selectClass =
  "h-9 w-full min-w-0 rounded-md border border-input bg-background px-3 py-1 text-base shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive md:text-sm";

export function Calculator({ data }: { data: TCalculatorData }) {
  const t = useTranslations("calculator");
  const tActivity = useTranslations("activities");
  const locale = useLocale();
  const trpc = useTRPC();
  const issueText = useIssueText();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlQuery = searchParams.toString();

  const [state, setState] = useState<TCalculatorState>(() => stateFromParams(searchParams));
  // What the estimate and the URL show: the state once typing pauses.
  const [committed, setCommitted] = useState<TCalculatorState>(state);
  // Query strings this page read or wrote lately. Next applies a written URL asynchronously, so
  // useSearchParams may still show an older one of ours; only a query not in this list is a
  // navigation (back/forward, a link) to adopt.
  const [knownQueries, setKnownQueries] = useState<readonly string[]>([urlQuery]);
  const [naOther, setNaOther] = useState(() => state.naCode !== "" && !data.naCodes.includes(state.naCode));
  const [moreOpen, setMoreOpen] = useState(() => hasMoreOptions(state));

  if (!knownQueries.includes(urlQuery)) {
    // Back/forward or a link to another calculation: the URL is the truth.
    const adopted = stateFromParams(searchParams);
    setKnownQueries((known) => remember(known, urlQuery));
    setState(adopted);
    setCommitted(adopted);
    setNaOther(adopted.naCode !== "" && !data.naCodes.includes(adopted.naCode));
  }

  useEffect(() => {
    if (state === committed) return;
    const timer = setTimeout(() => {
      setCommitted(state);
      const query = paramsFromState(state).toString();
      setKnownQueries((known) => remember(known, query));
      // The native History API keeps Next's router and useSearchParams in sync without a server
      // round trip per keystroke (router.replace would re-render the page on the server); replacing,
      // not pushing, keeps one history entry, so Back leaves the calculator with its state in the URL.
      window.history.replaceState(null, "", `${pathname}?${query}`);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [state, committed, pathname]);

  const computed = useMemo(() => toEstimateInput(committed), [committed]);
  const estimate = useQuery(
    trpc.rules.estimate.queryOptions(computed.input ?? skipToken, { placeholderData: keepPreviousData }),
  );
  const result = computed.input ? estimate.data : undefined;

  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: "region" }), [locale]);
  const countryName = (code: string) => {
    try {
      return regionNames.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const yearCountries = data.countriesByYear[state.callYear] ?? data.countriesByYear[String(data.callYears.at(-1))] ?? [];
  const countryOptions = [...yearCountries]
    .map((code) => ({ code, name: countryName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  const withCurrent = (code: string) =>
    code === "" || yearCountries.includes(code.toUpperCase()) ? countryOptions : [...countryOptions, { code: code.toUpperCase(), name: countryName(code.toUpperCase()) }];

  const year = Number(state.callYear);
  const publishedFor = data.naCodes.filter((code) => data.publishedRates[code]?.includes(year));
  const naSelectValue = naOther ? "other" : data.naCodes.includes(state.naCode) ? state.naCode : "";

  // Beside each field: what the engine says about it, and what could not be understood.
  const fieldIssues = (field: keyof TCalculatorState) => {
    const concerns = (issue: RuleIssue) => issue.field !== undefined && ISSUE_FIELDS[issue.field] === field;
    const errors = (result?.errors ?? []).filter(concerns).map(issueText);
    const warnings = (result?.warnings ?? []).filter(concerns).map(issueText);
    const invalid = (computed.invalid as readonly string[]).includes(field) ? [t(`invalid.${field as TInvalidField}`)] : [];
    return { errors: [...invalid, ...errors], warnings };
  };
  const moreHasIssues = MORE_FIELDS.some((field) => {
    const issues = fieldIssues(field);
    return issues.errors.length + issues.warnings.length > 0;
  });

  const set = <K extends keyof TCalculatorState>(key: K, value: TCalculatorState[K]) =>
    setState((previous) => ({ ...previous, [key]: value }));
  const text = (key: keyof TCalculatorState) => ({
    id: key,
    value: String(state[key]),
    "aria-describedby": `${key}-issues`,
    "aria-invalid": fieldIssues(key).errors.length > 0 || undefined,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set(key, event.target.value),
  });
  const load = (next: TCalculatorState) => {
    setState(next);
    setNaOther(false);
    setMoreOpen(hasMoreOptions(next));
  };

  const kmWins = state.distanceKm.trim() !== "" && (state.origin.trim() !== "" || state.destination.trim() !== "");

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
      <form className="grid min-w-0 gap-6" onSubmit={(event) => event.preventDefault()} noValidate>
        <div className="flex flex-wrap gap-2 print:hidden">
          <Button type="button" variant="outline" size="sm" onClick={() => load(EXAMPLE)}>
            <Sparkles aria-hidden="true" />
            {t("example")}
          </Button>
          <Button type="button" variant="ghost" size="sm" onClick={() => load(EMPTY_STATE)}>
            <RotateCcw aria-hidden="true" />
            {t("clear")}
          </Button>
        </div>

        <Card className="gap-4">
          <CardHeader>
            <CardTitle>{t("sections.activity")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field id="callYear" label={t("fields.callYear")} issues={fieldIssues("callYear")}>
              <select {...text("callYear")} className={selectClass}>
                {!data.callYears.includes(year) ? <option value={state.callYear}>{state.callYear}</option> : null}
                {data.callYears.map((callYear) => (
                  <option key={callYear} value={callYear}>
                    {callYear}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id="naCode"
              label={t("fields.naCode")}
              issues={fieldIssues("naCode")}
              hint={
                publishedFor.length > 0
                  ? t("fields.naHintPublished", { year: state.callYear, list: publishedFor.join(", ") })
                  : t("fields.naHintNone", { year: state.callYear })
              }
            >
              <select
                id={naOther ? "naCodeSelect" : "naCode"}
                value={naSelectValue}
                className={selectClass}
                aria-label={naOther ? t("fields.naCode") : undefined}
                data-testid="na-select"
                onChange={(event) => {
                  const value = event.target.value;
                  setNaOther(value === "other");
                  set("naCode", value === "other" ? "" : value);
                }}
              >
                <option value="">{t("fields.naChoose")}</option>
                {data.naCodes.map((code) => (
                  <option key={code} value={code}>
                    {`${code} · ${countryName(code.slice(0, 2))} — ${
                      data.publishedRates[code]?.includes(year) ? t("fields.naPublished") : t("fields.naNotPublished")
                    }`}
                  </option>
                ))}
                <option value="other">{t("fields.naOther")}</option>
              </select>
              {naOther ? (
                <Input
                  {...text("naCode")}
                  aria-label={t("fields.naOtherCode")}
                  placeholder={t("fields.naOtherPlaceholder")}
                  autoComplete="off"
                  className="uppercase"
                  maxLength={4}
                  autoFocus
                />
              ) : null}
            </Field>
            <Field id="activityType" label={t("fields.activityType")} className="sm:col-span-2" issues={fieldIssues("activityType")}>
              <select
                id="activityType"
                value={state.activityType}
                className={selectClass}
                onChange={(event) => {
                  const value = ESTIMATE_ACTIVITY_TYPES.find((activity) => activity === event.target.value);
                  if (value) set("activityType", value);
                }}
              >
                {ESTIMATE_ACTIVITY_TYPES.map((activity) => (
                  <option key={activity} value={activity}>
                    {tActivity(activity)}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id="destinationCountry"
              label={t("fields.destinationCountry")}
              className="sm:col-span-2"
              hint={t("fields.destinationCountryHint")}
              issues={fieldIssues("destinationCountry")}
            >
              <select {...text("destinationCountry")} className={selectClass} data-testid="country-select">
                <option value="">{t("fields.chooseCountry")}</option>
                {withCurrent(state.destinationCountry).map((country) => (
                  <option key={country.code} value={country.code}>
                    {country.name}
                  </option>
                ))}
              </select>
            </Field>
            <SwitchField
              id="accompanying"
              label={t("fields.accompanying")}
              hint={t("fields.accompanyingHint")}
              checked={state.accompanying}
              onChange={(checked) => set("accompanying", checked)}
              issues={fieldIssues("accompanying")}
              className="sm:col-span-2"
            />
          </CardContent>
        </Card>

        <Card className="gap-4">
          <CardHeader>
            <CardTitle>{t("sections.dates")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field id="startDate" label={t("fields.startDate")} issues={fieldIssues("startDate")}>
              <Input {...text("startDate")} type="date" />
            </Field>
            <Field id="endDate" label={t("fields.endDate")} hint={t("fields.datesHint")} issues={fieldIssues("endDate")}>
              <Input {...text("endDate")} type="date" min={state.startDate || undefined} />
            </Field>
            <Field id="travelDays" label={t("fields.travelDays")} hint={t("fields.travelDaysHint")} issues={fieldIssues("travelDays")}>
              <Input {...text("travelDays")} type="number" inputMode="numeric" min={0} max={14} step={1} />
            </Field>
            <SwitchField
              id="greenTravel"
              label={t("fields.greenTravel")}
              hint={t("fields.greenTravelHint")}
              checked={state.greenTravel}
              onChange={(checked) => set("greenTravel", checked)}
              issues={fieldIssues("greenTravel")}
            />
          </CardContent>
        </Card>

        <Card className="gap-4">
          <CardHeader>
            <CardTitle>{t("sections.distance")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="origin" label={t("fields.origin")} issues={fieldIssues("origin")}>
                <Input {...text("origin")} placeholder={t("fields.originPlaceholder")} autoComplete="off" maxLength={120} />
              </Field>
              <Field id="originCountry" label={t("fields.originCountry")} issues={fieldIssues("originCountry")}>
                <select {...text("originCountry")} className={selectClass}>
                  <option value="">{t("fields.anyCountry")}</option>
                  {withCurrent(state.originCountry).map((country) => (
                    <option key={country.code} value={country.code}>
                      {country.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                id="destination"
                label={t("fields.destination")}
                className="sm:col-span-2"
                hint={t("fields.townsHint")}
                issues={fieldIssues("destination")}
              >
                <div className="flex items-center gap-2">
                  <Input {...text("destination")} placeholder={t("fields.destinationPlaceholder")} autoComplete="off" maxLength={120} />
                  {state.destinationCountry !== "" ? (
                    <span className="shrink-0 text-sm text-muted-foreground">{countryName(state.destinationCountry.toUpperCase())}</span>
                  ) : null}
                </div>
              </Field>
            </div>
            <div className="flex items-center gap-3 text-xs tracking-wide text-muted-foreground uppercase" aria-hidden="true">
              <span className="h-px flex-1 bg-border" />
              {t("fields.or")}
              <span className="h-px flex-1 bg-border" />
            </div>
            <Field id="distanceKm" label={t("fields.distanceKm")} hint={t("fields.distanceKmHint")} issues={fieldIssues("distanceKm")}>
              <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                <Input {...text("distanceKm")} inputMode="decimal" autoComplete="off" className="max-w-40" maxLength={8} />
                <a
                  href={EC_DISTANCE_CALCULATOR}
                  target="_blank"
                  rel="noreferrer"
                  className="inline-flex items-center gap-1 text-sm text-primary underline-offset-4 hover:underline print:hidden"
                >
                  {t("fields.ecCalculator")}
                  <ExternalLink className="size-3.5" aria-hidden="true" />
                </a>
              </div>
              {kmWins ? (
                <p className="text-sm font-medium" data-testid="km-wins">
                  {t("fields.kmWins")}
                </p>
              ) : null}
            </Field>
          </CardContent>
        </Card>

        <details
          open={moreOpen || moreHasIssues}
          onToggle={(event) => setMoreOpen(event.currentTarget.open)}
          className="group rounded-xl border bg-card shadow-sm"
        >
          <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-6 py-4 [&::-webkit-details-marker]:hidden">
            <span className="grid gap-0.5">
              <span className="font-semibold">{t("sections.more")}</span>
              <span className="text-sm text-muted-foreground">{t("sections.moreHint")}</span>
            </span>
            <ChevronDown className="size-4 shrink-0 transition-transform group-open:rotate-180" aria-hidden="true" />
          </summary>
          <div className="grid gap-4 px-6 pb-6 sm:grid-cols-2">
            <SwitchField
              id="fewerOpportunities"
              label={t("fields.fewerOpportunities")}
              checked={state.fewerOpportunities}
              onChange={(checked) => set("fewerOpportunities", checked)}
              issues={fieldIssues("fewerOpportunities")}
            />
            <SwitchField
              id="linguisticSupport"
              label={t("fields.linguisticSupport")}
              hint={t("fields.linguisticSupportHint")}
              checked={state.linguisticSupport}
              onChange={(checked) => set("linguisticSupport", checked)}
              issues={fieldIssues("linguisticSupport")}
            />
            <Field id="inclusionRealCost" label={t("fields.inclusionRealCost")} hint={t("fields.inclusionRealCostHint")} issues={fieldIssues("inclusionRealCost")}>
              <Input {...text("inclusionRealCost")} inputMode="decimal" autoComplete="off" maxLength={14} />
            </Field>
            <Field
              id="expensiveTravelRealCost"
              label={t("fields.expensiveTravelRealCost")}
              hint={t("fields.expensiveTravelRealCostHint")}
              issues={fieldIssues("expensiveTravelRealCost")}
            >
              <Input {...text("expensiveTravelRealCost")} inputMode="decimal" autoComplete="off" maxLength={14} />
            </Field>
            <Field id="courseDays" label={t("fields.courseDays")} hint={t("fields.courseDaysHint")} issues={fieldIssues("courseDays")}>
              <Input {...text("courseDays")} type="number" inputMode="numeric" min={1} max={365} step={1} />
            </Field>
            <Field id="persons" label={t("fields.persons")} hint={t("fields.personsHint")} issues={fieldIssues("persons")}>
              <Input {...text("persons")} type="number" inputMode="numeric" min={1} max={30} step={1} />
            </Field>
          </div>
        </details>
      </form>

      <ResultPanel
        computed={computed}
        result={result}
        pending={computed.input !== null && (estimate.isPending || estimate.isPlaceholderData)}
        failed={computed.input !== null && estimate.isError && !result}
        naCode={committed.naCode.toUpperCase()}
        callYear={committed.callYear}
      />
    </div>
  );
}

interface FieldIssues {
  errors: string[];
  warnings: string[];
}

function IssueList({ id, issues }: { id: string; issues: FieldIssues }) {
  if (issues.errors.length + issues.warnings.length === 0) return null;
  return (
    <ul id={id} className="grid gap-1 text-sm" data-testid={`issues-${id.replace(/-issues$/, "")}`}>
      {issues.errors.map((message) => (
        <li key={message} className="text-destructive">
          {message}
        </li>
      ))}
      {issues.warnings.map((message) => (
        <li key={message} className="text-warning-foreground dark:text-warning">
          {message}
        </li>
      ))}
    </ul>
  );
}

function Field({
  id,
  label,
  hint,
  issues,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  issues: FieldIssues;
  className?: string;
  children: React.ReactNode;
}) {
  const invalid = issues.errors.length > 0;
  return (
    <div className={cn("grid content-start gap-1.5", className)} data-invalid={invalid || undefined}>
      <Label htmlFor={id} className={cn("leading-snug", invalid && "text-destructive")}>
        {label}
      </Label>
      <div className={cn("grid gap-2", invalid && "[&_input]:border-destructive [&_select]:border-destructive")}>{children}</div>
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}

function SwitchField({
  id,
  label,
  hint,
  checked,
  onChange,
  issues,
  className,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  issues: FieldIssues;
  className?: string;
}) {
  return (
    <div className={cn("grid content-start gap-1.5", className)}>
      <div className="flex items-start gap-3">
        <Switch id={id} checked={checked} onCheckedChange={onChange} className="mt-0.5" />
        <div className="grid gap-1">
          <Label htmlFor={id} className="leading-snug">
            {label}
          </Label>
          {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
        </div>
      </div>
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}
