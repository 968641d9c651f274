"use client";

import type { Control, FieldPath } from "react-hook-form";
import { FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";

/*
 * The daily rates of individual support by person and country group, as the NA officer's rate table
 * and a project's grant agreement both enter them: one grid of fields, one way to show stored cents.
 */

/** Rates in cents for country groups 1–3, or none entered. */
export type TGroupRates = readonly [number, number, number] | null;
/** Index in the tuple → country group. */
export const RATE_GROUPS = [0, 1, 2] as const;
export const RATE_PEOPLE = ["staff", "pupil"] as const;
/** The grid's field paths, for mapping server errors onto fields. */
export const RATE_FIELD_PATHS: string[] = RATE_PEOPLE.flatMap((person) => RATE_GROUPS.map((group) => `${person}.${group}`));

/** Cents as the text a person edits ("85" or "84,50"): a change of unit for display only. */
function asText(cents: number | undefined, decimal: string): string {
  if (cents === undefined) return "";
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros}${decimal}${String(rest).padStart(2, "0")}`;
}

/** A stored rate triple as the three texts of its fields. */
export function ratesAsText(rates: TGroupRates, decimal: string): [string, string, string] {
  return [asText(rates?.[0], decimal), asText(rates?.[1], decimal), asText(rates?.[2], decimal)];
}

interface TRateFormValues {
  staff: [string, string, string];
  pupil: [string, string, string];
}

export function DailyRateFields<TValues extends TRateFormValues, TOutput>({
  control,
  personLabel,
  groupLabel,
  perDay,
  testIdPrefix,
}: {
  control: Control<TValues, unknown, TOutput>;
  personLabel: (person: (typeof RATE_PEOPLE)[number]) => string;
  groupLabel: (group: number) => string;
  perDay: string;
  testIdPrefix: string;
}) {
  return RATE_PEOPLE.map((person) => (
    <fieldset key={person} className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{personLabel(person)}</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        {RATE_GROUPS.map((group) => (
          <FormField
            key={group}
            control={control}
            // `staff.0` … `pupil.2` are paths of every TRateFormValues; TypeScript cannot see that through the generic.
            name={`${person}.${group}` as FieldPath<TValues>}
            render={({ field }) => (
              <FormItem>
                <FormLabel>{groupLabel(group + 1)}</FormLabel>
                <FormControl>
                  <div className="flex items-center gap-2">
                    <Input inputMode="decimal" className="tabular-nums" data-testid={`${testIdPrefix}-${person}-${group + 1}`} {...field} />
                    <span className="shrink-0 text-xs text-muted-foreground">{perDay}</span>
                  </div>
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
        ))}
      </div>
    </fieldset>
  ));
}
