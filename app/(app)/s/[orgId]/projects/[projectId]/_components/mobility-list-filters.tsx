"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronDown, Search, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ACTIVITY_TYPES, MOBILITY_STATUSES } from "@/server/schemas/mobilities";
import type { TMobilityListState } from "@/server/schemas/mobility-list";

const ANY = "__any";
const SEARCH_DELAY_MS = 300;

interface Props {
  orgId: string;
  countries: readonly string[];
  filters: TMobilityListState["filters"];
  onChange: (filters: Partial<TMobilityListState["filters"]>, options?: { replace?: boolean }) => void;
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

export function MobilityListFilters({ orgId, countries, filters, onChange }: Props) {
  const t = useTranslations("mobilityList");
  const tActivity = useTranslations("activities");
  const tStatus = useTranslations("mobilityStatus");
  const locale = useLocale();
  const trpc = useTRPC();
  const { data: people } = useQuery(trpc.participants.list.queryOptions({ orgId }, { staleTime: 60_000 }));
  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: "region" }), [locale]);
  const countryOptions = useMemo(
    () => countries.map((code) => ({ code, name: regionNames.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, locale)),
    [countries, regionNames, locale],
  );

  // The search box types freely; the URL (and the query) follow after a pause.
  const [text, setText] = useState(filters.q ?? "");
  const lastSent = useRef(filters.q ?? "");
  useEffect(() => {
    // Back/forward or "clear filters" changed the URL: show what it says.
    if ((filters.q ?? "") !== lastSent.current) {
      lastSent.current = filters.q ?? "";
      setText(filters.q ?? "");
    }
  }, [filters.q]);
  useEffect(() => {
    const value = text.trim();
    if (value === lastSent.current) return;
    const timer = setTimeout(() => {
      lastSent.current = value;
      onChange({ q: value || undefined }, { replace: true });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, onChange]);

  const active =
    Boolean(filters.q) ||
    filters.activityTypes.length > 0 ||
    filters.statuses.length > 0 ||
    Boolean(filters.destinationCountry || filters.dateFrom || filters.dateTo || filters.participantId);

  return (
    <div className="grid gap-3" role="search">
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto]">
        <div className="relative">
          <Search className="pointer-events-none absolute start-2.5 top-2.5 size-4 text-muted-foreground" aria-hidden />
          <Input
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder={t("searchPlaceholder")}
            aria-label={t("search")}
            maxLength={100}
            className="ps-8"
            data-testid="mobility-search"
          />
        </div>
        {active && (
          <Button
            variant="ghost"
            onClick={() => {
              setText("");
              lastSent.current = "";
              onChange({ q: undefined, activityTypes: [], statuses: [], destinationCountry: undefined, dateFrom: undefined, dateTo: undefined, participantId: undefined });
            }}
            data-testid="clear-filters"
          >
            <X className="size-4" aria-hidden /> {t("clearFilters")}
          </Button>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" className="justify-between font-normal" data-testid="filter-activity">
              {filters.activityTypes.length ? t("activitiesSelected", { count: filters.activityTypes.length }) : t("anyActivity")}
              <ChevronDown className="size-4 opacity-50" aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start" className="w-72">
            {ACTIVITY_TYPES.map((code) => (
              <DropdownMenuCheckboxItem
                key={code}
                checked={filters.activityTypes.includes(code)}
                onSelect={(event) => event.preventDefault()}
                onCheckedChange={(on) => onChange({ activityTypes: toggle(filters.activityTypes, code, on === true) })}
              >
                {tActivity(code)}
              </DropdownMenuCheckboxItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>

        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" className="justify-between font-normal" data-testid="filter-status">
              {filters.statuses.length === 1 && filters.statuses[0]
                ? tStatus(filters.statuses[0])
                : filters.statuses.length
                  ? t("statusesSelected", { count: filters.statuses.length })
                  : t("anyStatus")}
              <ChevronDown className="size-4 opacity-50" aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start" className="w-52">
            {MOBILITY_STATUSES.map((status) => (
              <DropdownMenuCheckboxItem
                key={status}
                checked={filters.statuses.includes(status)}
                onSelect={(event) => event.preventDefault()}
                onCheckedChange={(on) => onChange({ statuses: toggle(filters.statuses, status, on === true) })}
              >
                {tStatus(status)}
              </DropdownMenuCheckboxItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>

        <Select value={filters.destinationCountry ?? ANY} onValueChange={(value) => onChange({ destinationCountry: value === ANY ? undefined : value })}>
          <SelectTrigger aria-label={t("country")} data-testid="filter-country">
            <SelectValue placeholder={t("anyCountry")} />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t("anyCountry")}</SelectItem>
            {countryOptions.map((c) => (
              <SelectItem key={c.code} value={c.code}>
                {c.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>

        <Select value={filters.participantId ?? ANY} onValueChange={(value) => onChange({ participantId: value === ANY ? undefined : value })}>
          <SelectTrigger aria-label={t("participant")} className="max-w-64" data-testid="filter-participant">
            <SelectValue placeholder={t("anyParticipant")} />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t("anyParticipant")}</SelectItem>
            {(people ?? []).map((p) => (
              <SelectItem key={p.id} value={p.id}>
                {p.lastName} {p.firstName}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>

        <div className="grid w-full grid-cols-2 gap-2 sm:flex sm:w-auto sm:items-end">
          <div className="grid min-w-0 gap-1">
            <Label htmlFor="mobility-date-from" className="text-xs text-muted-foreground">
              {t("dateFrom")}
            </Label>
            <Input
              id="mobility-date-from"
              type="date"
              className="sm:w-40"
              value={filters.dateFrom ?? ""}
              max={filters.dateTo}
              onChange={(event) => onChange({ dateFrom: event.target.value || undefined }, { replace: true })}
            />
          </div>
          <div className="grid min-w-0 gap-1">
            <Label htmlFor="mobility-date-to" className="text-xs text-muted-foreground">
              {t("dateTo")}
            </Label>
            <Input
              id="mobility-date-to"
              type="date"
              className="sm:w-40"
              value={filters.dateTo ?? ""}
              min={filters.dateFrom}
              onChange={(event) => onChange({ dateTo: event.target.value || undefined }, { replace: true })}
            />
          </div>
        </div>
      </div>
    </div>
  );
}
