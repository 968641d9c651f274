"use client";

import { useLocale } from "next-intl";
import { useMemo } from "react";
import { FormControl } from "@/components/ui/form";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

interface Props {
  /** ISO 3166 alpha-2 codes to offer (the engine's programme countries). */
  countries: readonly string[];
  value: string;
  onChange: (code: string) => void;
  placeholder: string;
  testId?: string;
}

/** A country picker inside a FormField: names in the user's language, sorted by that language. */
export function CountrySelect({ countries, value, onChange, placeholder, testId }: Props) {
  const locale = useLocale();
  const options = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    return countries.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [countries, locale]);
  return (
    <Select value={value === "" ? undefined : value} onValueChange={onChange}>
      <FormControl>
        <SelectTrigger className="w-full" data-testid={testId}>
          <SelectValue placeholder={placeholder} />
        </SelectTrigger>
      </FormControl>
      <SelectContent>
        {options.map((c) => (
          <SelectItem key={c.code} value={c.code}>
            {c.name}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
