"use client";

import { useTranslations } from "next-intl";
import type { FieldPath } from "react-hook-form";
import { FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { MobilityFormValues } from "./form-values";
import type { ParticipantOption, SectionProps } from "./form-sections/types";

/** One of the school's participants, for a mobility's lead or a group member. */
export function ParticipantSelect({
  form,
  name,
  label,
  options,
  testId,
}: {
  form: SectionProps["form"];
  name: FieldPath<MobilityFormValues>;
  label: string;
  options: ParticipantOption[];
  testId?: string;
}) {
  const t = useTranslations("mobilityForm");
  return (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <Select value={String(field.value ?? "")} onValueChange={field.onChange}>
            <FormControl>
              <SelectTrigger className="w-full" data-testid={testId}>
                <SelectValue placeholder={t("chooseParticipant")} />
              </SelectTrigger>
            </FormControl>
            <SelectContent>
              {options.map((p) => (
                <SelectItem key={p.id} value={p.id}>
                  {p.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <FormMessage />
        </FormItem>
      )}
    />
  );
}
