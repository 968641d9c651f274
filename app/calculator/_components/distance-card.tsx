"use client";

import { ExternalLink } from "lucide-react";
import { useTranslations } from "next-intl";
import { TownInput } from "@/components/forms/inputs";
import { Input } from "@/components/ui/input";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, selectClass, type CalculatorForm } from "./calculator-field";

/** The EC's official distance calculator (km, no money). */
const EC_DISTANCE_CALCULATOR = "https://erasmus-plus.ec.europa.eu/resources-and-tools/distance-calculator";

/** The distance: from and to (the engine looks the towns up), or the official km typed in. */
export function DistanceCard({ form }: { form: CalculatorForm }) {
  const t = useTranslations("calculator");
  const { state, text, value, issues, countryName } = form;
  const offered = new Set(form.countryOptions(state.originCountry).map((country) => country.code));
  const kmWins = state.distanceKm.trim() !== "" && (state.origin.trim() !== "" || state.destination.trim() !== "");
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>{t("sections.distance")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="origin" label={t("fields.origin")} issues={issues("origin")}>
            <TownInput
              {...value("origin")}
              placeholder={t("fields.originPlaceholder")}
              maxLength={120}
              country={state.originCountry || undefined}
              onPick={(town) => {
                if (offered.has(town.country)) form.set("originCountry", town.country);
              }}
            />
          </Field>
          <Field id="originCountry" label={t("fields.originCountry")} issues={issues("originCountry")}>
            <select {...text("originCountry")} className={selectClass}>
              <option value="">{t("fields.anyCountry")}</option>
              {form.countryOptions(state.originCountry).map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="destination" label={t("fields.destination")} className="sm:col-span-2" hint={t("fields.townsHint")} issues={issues("destination")}>
            <div className="flex items-center gap-2">
              <TownInput {...value("destination")} placeholder={t("fields.destinationPlaceholder")} maxLength={120} country={state.destinationCountry || undefined} />
              {state.destinationCountry !== "" ? (
                <span className="shrink-0 text-sm text-muted-foreground">{countryName(state.destinationCountry.toUpperCase())}</span>
              ) : null}
            </div>
          </Field>
        </div>
        <div className="flex items-center gap-3 text-xs tracking-wide text-muted-foreground uppercase" aria-hidden="true">
          <span className="h-px flex-1 bg-border" />
          {t("fields.or")}
          <span className="h-px flex-1 bg-border" />
        </div>
        <Field id="distanceKm" label={t("fields.distanceKm")} hint={t("fields.distanceKmHint")} issues={issues("distanceKm")}>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <Input {...text("distanceKm")} inputMode="decimal" autoComplete="off" className="max-w-40" maxLength={8} />
            <a
              href={EC_DISTANCE_CALCULATOR}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-1 text-sm text-primary underline-offset-4 hover:underline print:hidden"
            >
              {t("fields.ecCalculator")}
              <ExternalLink className="size-3.5" aria-hidden="true" />
            </a>
          </div>
          {kmWins ? (
            <p className="text-sm font-medium" data-testid="km-wins">
              {t("fields.kmWins")}
            </p>
          ) : null}
        </Field>
      </CardContent>
    </Card>
  );
}
