"use client";

import { useTranslations } from "next-intl";
import { DateInput, IntegerInput } from "@/components/forms/inputs";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FlagField, type CalculatorForm } from "./calculator-field";

/** The activity's dates, the travel days and green travel. */
export function DatesCard({ form }: { form: CalculatorForm }) {
  const t = useTranslations("calculator");
  const { state, value, issues } = form;
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>{t("sections.dates")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 sm:grid-cols-2">
        <Field id="startDate" label={t("fields.startDate")} issues={issues("startDate")}>
          <DateInput {...value("startDate")} />
        </Field>
        <Field id="endDate" label={t("fields.endDate")} hint={t("fields.datesHint")} issues={issues("endDate")}>
          <DateInput {...value("endDate")} min={state.startDate || undefined} />
        </Field>
        <Field id="travelDays" label={t("fields.travelDays")} hint={t("fields.travelDaysHint")} issues={issues("travelDays")}>
          <IntegerInput {...value("travelDays")} min={0} max={14} step={1} />
        </Field>
        <FlagField form={form} id="greenTravel" label={t("fields.greenTravel")} hint={t("fields.greenTravelHint")} />
      </CardContent>
    </Card>
  );
}
