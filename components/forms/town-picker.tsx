"use client";

import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { MapPin } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useState, type ChangeEventHandler, type ComponentProps, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import type { TownSuggestion } from "@/server/rules";

/** How long typing may pause before the picker asks the server. */
const SEARCH_DEBOUNCE_MS = 200;
/** Letters typed before suggestions appear. */
const MIN_QUERY_LENGTH = 2;
const MAX_SUGGESTIONS = 8;

type InputProps = Omit<ComponentProps<"input">, "value" | "onChange" | "type" | "role">;

export interface TownPickerProps extends InputProps {
  value: string;
  onValueChange: (value: string) => void;
  /** Replaces onValueChange for typing (e.g. a name that also fills other fields). */
  onChange?: ChangeEventHandler<HTMLInputElement>;
  /** ISO 3166 alpha-2: suggest only towns of this country. */
  country?: string;
  /** A suggestion was chosen (after onValueChange got its name). */
  onPick?: (town: TownSuggestion) => void;
}

/**
 * A town field with suggestions (a combobox after the WAI-ARIA pattern, in the style of the shadcn
 * components): every name of a town (English, local, without diacritics) finds it; the text stays
 * free, so a town the data lacks can still be typed (the engine then asks for the distance in km).
 * The suggestions come from the public `rules.towns` query, a few at a time.
 */
export function TownPicker({ value, onValueChange, onChange, country, onPick, className, onBlur, onKeyDown, ...inputProps }: TownPickerProps) {
  const t = useTranslations("townPicker");
  const locale = useLocale();
  const trpc = useTRPC();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [query, setQuery] = useState(value);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(value), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);

  const trimmed = query.trim();
  const search = useQuery(
    trpc.rules.towns.queryOptions(
      open && trimmed.length >= MIN_QUERY_LENGTH ? { query: trimmed, limit: MAX_SUGGESTIONS, ...(country ? { country } : {}) } : skipToken,
      { placeholderData: keepPreviousData, staleTime: 5 * 60_000 },
    ),
  );
  const suggestions = open && trimmed.length >= MIN_QUERY_LENGTH ? (search.data ?? []) : [];
  const showList = open && trimmed.length >= MIN_QUERY_LENGTH && search.data !== undefined;

  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: "region" }), [locale]);
  const countryName = (code: string) => regionNames.of(code) ?? code;

  function choose(town: TownSuggestion) {
    onValueChange(town.matchedName ?? town.name);
    onPick?.(town);
    setOpen(false);
    setActive(-1);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    onKeyDown?.(event);
    if (event.defaultPrevented) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      const count = suggestions.length;
      if (count > 0) setActive((index) => wrap(index + step, count));
    } else if (event.key === "Enter" && showList && active >= 0) {
      const town = suggestions[active];
      if (town) {
        event.preventDefault();
        choose(town);
      }
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  const activeId = showList && active >= 0 && active < suggestions.length ? `${listId}-${active}` : undefined;

  return (
    <div className="relative">
      <div className="relative">
        <MapPin aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input
          {...inputProps}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={activeId}
          autoComplete="off"
          className={cn("pl-8", className)}
          value={value}
          onChange={(event) => {
            if (onChange) onChange(event);
            else onValueChange(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={(event) => {
            setOpen(false);
            setActive(-1);
            onBlur?.(event);
          }}
          onKeyDown={handleKeyDown}
        />
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label={t("suggestions")}
        hidden={!showList}
        className="absolute z-50 mt-1 max-h-72 w-full min-w-[16rem] overflow-y-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-md"
      >
        {suggestions.map((town, index) => (
          <li
            key={`${town.name}-${town.country}-${town.population}`}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            data-active={index === active}
            className="flex cursor-default items-baseline justify-between gap-3 rounded-sm px-2 py-1.5 text-sm select-none data-[active=true]:bg-accent data-[active=true]:text-accent-foreground hover:bg-accent/60"
            // mousedown, not click: the input keeps its focus (no blur closing the list first)
            onMouseDown={(event) => {
              event.preventDefault();
              choose(town);
            }}
            onMouseMove={() => setActive(index)}
          >
            <span className="min-w-0 truncate">
              <span className="font-medium">{town.matchedName ?? town.name}</span>
              {town.matchedName ? <span className="text-muted-foreground"> · {town.name}</span> : null}
            </span>
            <span className="shrink-0 text-xs text-muted-foreground">{countryName(town.country)}</span>
          </li>
        ))}
        {showList && suggestions.length === 0 ? (
          <li role="presentation" className="px-2 py-1.5 text-sm text-muted-foreground">
            {t("none")}
          </li>
        ) : null}
      </ul>
      <span className="sr-only" aria-live="polite">
        {showList ? t("count", { count: suggestions.length }) : ""}
      </span>
    </div>
  );
}

/** -1 is "no option": arrows go from the input to the first or last option and back. */
function wrap(index: number, count: number): number {
  if (index < -1) return count - 1;
  if (index >= count) return -1;
  return index;
}
