"use client";

import { useTranslations } from "next-intl";
import { DateField, IntegerField, SwitchField } from "@/components/forms/fields";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormControl, FormField, FormItem, FormLabel } from "@/components/ui/form";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { MEANS_OF_TRANSPORT } from "@/server/schemas/mobilities";
import type { SectionProps } from "./types";

/** When: the dates, travel days, course days, green travel and the means of transport. */
export function WhenSection({ form, values, note }: SectionProps) {
  const t = useTranslations("mobilityForm");
  const control = form.control;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("sections.when")}</CardTitle>
        <CardDescription>{t("datesHelp")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 md:grid-cols-3">
        <DateField control={control} name="startDate" label={t("startDate")} after={note("startDate")} />
        <DateField control={control} name="endDate" label={t("endDate")} after={note("endDate")} />
        <IntegerField control={control} name="travelDays" label={t("travelDays")} min={0} max={6} description={t("travelDaysHelp")} after={note("travelDays")} />
        {values.activityType === "SM-COUR-TRAIN" && (
          <IntegerField control={control} name="courseDays" label={t("courseDays")} min={0} description={t("courseDaysHelp")} after={note("courseDays")} />
        )}
        <div className="md:col-span-3">
          <SwitchField control={control} name="greenTravel" label={t("greenTravel")} description={t("greenTravelHelp")} after={note("greenTravel")} />
        </div>
        <FormField
          control={control}
          name="meansOfTransport"
          render={({ field }) => (
            <FormItem>
              <FormLabel>{t("meansOfTransport")}</FormLabel>
              <Select value={field.value === "" ? undefined : field.value} onValueChange={field.onChange}>
                <FormControl>
                  <SelectTrigger className="w-full">
                    <SelectValue placeholder={t("optional")} />
                  </SelectTrigger>
                </FormControl>
                <SelectContent>
                  {MEANS_OF_TRANSPORT.map((m) => (
                    <SelectItem key={m} value={m}>
                      {t(`transport.${m}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </FormItem>
          )}
        />
      </CardContent>
    </Card>
  );
}
