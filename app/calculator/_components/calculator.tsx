"use client";

import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { RotateCcw, Sparkles } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import type { RuleIssue } from "@/server/rules/types";
import { ActivityCard } from "./activity-card";
import type { CalculatorForm } from "./calculator-field";
import { EMPTY_STATE, stateFromParams, toEstimateInput, type TCalculatorState, type TInvalidField } from "./calculator-state";
import { DatesCard } from "./dates-card";
import { DistanceCard } from "./distance-card";
import { hasMoreOptions, MoreOptions } from "./more-options";
import { ResultPanel } from "./result-panel";
import { useCalculatorUrlState } from "./use-calculator-url-state";
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

/**
 * The public grant calculator: the state lives in the URL (useCalculatorUrlState), each card edits a
 * part of it, and `rules.estimate` — the same engine the app uses — answers once typing pauses.
 */
export function Calculator({ data }: { data: TCalculatorData }) {
  const t = useTranslations("calculator");
  const locale = useLocale();
  const trpc = useTRPC();
  const issueText = useIssueText();
  const isOtherNa = (naCode: string) => naCode !== "" && !data.naCodes.includes(naCode);

  const searchParams = useSearchParams();
  const [naOther, setNaOther] = useState(() => isOtherNa(stateFromParams(searchParams).naCode));
  const { state, setState, committed } = useCalculatorUrlState((adopted) => setNaOther(isOtherNa(adopted.naCode)));
  const [moreOpen, setMoreOpen] = useState(() => hasMoreOptions(state));

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
  const yearOptions = [...yearCountries]
    .map((code) => ({ code, name: countryName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));

  // Beside each field: what the engine says about it, and what could not be understood.
  const issues = (field: keyof TCalculatorState) => {
    const concerns = (issue: RuleIssue) => issue.field !== undefined && ISSUE_FIELDS[issue.field] === field;
    const errors = (result?.errors ?? []).filter(concerns).map(issueText);
    const warnings = (result?.warnings ?? []).filter(concerns).map(issueText);
    const invalid = (computed.invalid as readonly string[]).includes(field) ? [t(`invalid.${field as TInvalidField}`)] : [];
    return { errors: [...invalid, ...errors], warnings };
  };
  const set = <K extends keyof TCalculatorState>(key: K, value: TCalculatorState[K]) =>
    setState((previous) => ({ ...previous, [key]: value }));
  const bound = (key: Parameters<CalculatorForm["text"]>[0]) => ({
    id: key,
    value: String(state[key]),
    "aria-describedby": `${key}-issues`,
    "aria-invalid": issues(key).errors.length > 0 || undefined,
  });
  const form: CalculatorForm = {
    state,
    set,
    issues,
    text: (key) => ({ ...bound(key), onChange: (event) => set(key, event.target.value) }),
    value: (key) => ({ ...bound(key), onValueChange: (value) => set(key, value) }),
    countryName,
    countryOptions: (code) =>
      code === "" || yearCountries.includes(code.toUpperCase()) ? yearOptions : [...yearOptions, { code: code.toUpperCase(), name: countryName(code.toUpperCase()) }],
  };
  const load = (next: TCalculatorState) => {
    setState(next);
    setNaOther(false);
    setMoreOpen(hasMoreOptions(next));
  };

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
        <ActivityCard form={form} data={data} naOther={naOther} onNaOther={setNaOther} />
        <DatesCard form={form} />
        <DistanceCard form={form} />
        <MoreOptions form={form} open={moreOpen} onToggle={setMoreOpen} />
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
