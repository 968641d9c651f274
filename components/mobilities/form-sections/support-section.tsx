"use client";

import { useTranslations } from "next-intl";
import { MoneyField, SwitchField } from "@/components/forms/fields";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Textarea } from "@/components/ui/textarea";
import type { SectionProps } from "./types";

/**
 * Support and costs: fewer opportunities and inclusion costs (only for members with the
 * special-category permission), expensive travel, linguistic support, force majeure and notes.
 * `footer` is the form's buttons.
 */
export function SupportSection({ form, values, note, specialCategory, footer }: SectionProps & { specialCategory: boolean; footer: React.ReactNode }) {
  const t = useTranslations("mobilityForm");
  const control = form.control;
  const isGroup = values.activityType === "LM-GRP-PUPIL";
  const isVisit = values.activityType === "PREP-VISIT";
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("sections.support")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 md:grid-cols-2">
        {specialCategory && !isGroup && !values.accompanying && !isVisit && (
          <div className="md:col-span-2">
            <SwitchField control={control} name="fewerOpportunities" label={t("fewerOpportunities")} description={t("fewerOpportunitiesHelp")} after={note("fewerOpportunities")} />
          </div>
        )}
        {specialCategory && !isGroup && values.fewerOpportunities && (
          <MoneyField
            control={control}
            name="inclusionRealCostEur"
            label={t("inclusionRealCost")}
            description={t("inclusionRealCostHelp")}
            after={note("inclusionRealCostEur")}
          />
        )}
        <MoneyField
          control={control}
          name="expensiveTravelRealCostEur"
          label={t("expensiveTravelRealCost")}
          description={t("expensiveTravelHelp")}
          after={note("expensiveTravelRealCostEur")}
        />
        {!values.accompanying && !isVisit && (
          <div className="md:col-span-2">
            <SwitchField control={control} name="linguisticSupport" label={t("linguisticSupport")} description={t("linguisticSupportHelp")} after={note("linguisticSupport")} />
          </div>
        )}
        <div className="md:col-span-2">
          <SwitchField control={control} name="forceMajeure" label={t("forceMajeure")} description={t("forceMajeureHelp")} after={note("forceMajeure")} />
        </div>
        <FormField
          control={control}
          name="notes"
          render={({ field }) => (
            <FormItem className="md:col-span-2">
              <FormLabel>{t("notes")}</FormLabel>
              <FormControl>
                <Textarea {...field} rows={3} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
      </CardContent>
      {footer}
    </Card>
  );
}
