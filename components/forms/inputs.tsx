"use client";

import { useLocale } from "next-intl";
import type * as React from "react";
import { TownPicker } from "@/components/forms/town-picker";
import { Input } from "@/components/ui/input";
import type { TownSuggestion } from "@/server/rules";

/*
 * The app's inputs for values that mean something to the rules engine — a town, an amount of money,
 * a date. Every form (the mobility, project and partner forms through ./fields.tsx) and the public
 * calculator use these, so changing how a town is picked or money is typed happens here, once.
 * They hold text: parsing (parseEuroToCents, the date schema) is the schemas' job.
 */

type InputProps = Omit<React.ComponentProps<typeof Input>, "value" | "onChange" | "type">;

export interface ValueInputProps extends InputProps {
  value: string;
  onValueChange: (value: string) => void;
  /** Replaces the default handler (e.g. a name that also fills other fields). */
  onChange?: React.ChangeEventHandler<HTMLInputElement>;
}

function TextInput({ value, onValueChange, onChange, type, ...props }: ValueInputProps & { type?: string }) {
  return <Input {...props} type={type} value={value} onChange={onChange ?? ((event) => onValueChange(event.target.value))} />;
}

export interface TownInputProps extends ValueInputProps {
  /** ISO 3166 alpha-2: suggest towns of this country only. */
  country?: string;
  /** A suggestion was chosen (its name is already the value). */
  onPick?: (town: TownSuggestion) => void;
}

/**
 * A town (a place the engine looks up for the travel distance): free text with suggestions by any
 * of the town's names (./town-picker.tsx).
 */
export function TownInput(props: TownInputProps) {
  return <TownPicker {...props} />;
}

/** An amount in euros as people type it (`1.234,56` or `1234.56`); parsed to cents by the schemas. */
export function MoneyInput({ placeholder, ...props }: ValueInputProps) {
  // The hint shows the user's own decimal mark: 0.00 in English, 0,00 in Slovenian.
  const locale = useLocale();
  return <TextInput inputMode="decimal" placeholder={placeholder ?? (locale === "en" ? "0.00" : "0,00")} {...props} />;
}

/** A calendar date, ISO `YYYY-MM-DD`. */
export function DateInput(props: ValueInputProps) {
  return <TextInput {...props} type="date" />;
}

/** A whole number (days, persons, km). */
export function IntegerInput(props: ValueInputProps) {
  return <TextInput inputMode="numeric" {...props} type="number" />;
}
