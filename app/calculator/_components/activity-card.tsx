"use client";

import { useTranslations } from "next-intl";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { ESTIMATE_ACTIVITY_TYPES } from "@/server/schemas/rules";
import { Field, FlagField, selectClass, type CalculatorForm } from "./calculator-field";
import type { TCalculatorData } from "./calculator";

/** The call, the National Agency (its published rates), the activity and the destination country. */
export function ActivityCard({
  form,
  data,
  naOther,
  onNaOther,
}: {
  form: CalculatorForm;
  data: TCalculatorData;
  /** The NA is typed in (not one of the list's). */
  naOther: boolean;
  onNaOther: (other: boolean) => void;
}) {
  const t = useTranslations("calculator");
  const tActivity = useTranslations("activities");
  const { state, set, text, issues, countryName } = form;
  const year = Number(state.callYear);
  const publishedFor = data.naCodes.filter((code) => data.publishedRates[code]?.includes(year));
  const naSelectValue = naOther ? "other" : data.naCodes.includes(state.naCode) ? state.naCode : "";

  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>{t("sections.activity")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 sm:grid-cols-2">
        <Field id="callYear" label={t("fields.callYear")} issues={issues("callYear")}>
          <select {...text("callYear")} className={selectClass}>
            {!data.callYears.includes(year) ? <option value={state.callYear}>{state.callYear}</option> : null}
            {data.callYears.map((callYear) => (
              <option key={callYear} value={callYear}>
                {callYear}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="naCode"
          label={t("fields.naCode")}
          issues={issues("naCode")}
          hint={
            publishedFor.length > 0
              ? t("fields.naHintPublished", { year: state.callYear, list: publishedFor.join(", ") })
              : t("fields.naHintNone", { year: state.callYear })
          }
        >
          <select
            id={naOther ? "naCodeSelect" : "naCode"}
            value={naSelectValue}
            className={selectClass}
            aria-label={naOther ? t("fields.naCode") : undefined}
            data-testid="na-select"
            onChange={(event) => {
              const value = event.target.value;
              onNaOther(value === "other");
              set("naCode", value === "other" ? "" : value);
            }}
          >
            <option value="">{t("fields.naChoose")}</option>
            {data.naCodes.map((code) => (
              <option key={code} value={code}>
                {`${code} · ${countryName(code.slice(0, 2))} — ${
                  data.publishedRates[code]?.includes(year) ? t("fields.naPublished") : t("fields.naNotPublished")
                }`}
              </option>
            ))}
            <option value="other">{t("fields.naOther")}</option>
          </select>
          {naOther ? (
            <Input
              {...text("naCode")}
              aria-label={t("fields.naOtherCode")}
              placeholder={t("fields.naOtherPlaceholder")}
              autoComplete="off"
              className="uppercase"
              maxLength={4}
              autoFocus
            />
          ) : null}
        </Field>
        <Field id="activityType" label={t("fields.activityType")} className="sm:col-span-2" issues={issues("activityType")}>
          <select
            id="activityType"
            value={state.activityType}
            className={selectClass}
            onChange={(event) => {
              const value = ESTIMATE_ACTIVITY_TYPES.find((activity) => activity === event.target.value);
              if (value) set("activityType", value);
            }}
          >
            {ESTIMATE_ACTIVITY_TYPES.map((activity) => (
              <option key={activity} value={activity}>
                {tActivity(activity)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="destinationCountry"
          label={t("fields.destinationCountry")}
          className="sm:col-span-2"
          hint={t("fields.destinationCountryHint")}
          issues={issues("destinationCountry")}
        >
          <select {...text("destinationCountry")} className={selectClass} data-testid="country-select">
            <option value="">{t("fields.chooseCountry")}</option>
            {form.countryOptions(state.destinationCountry).map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </select>
        </Field>
        <FlagField form={form} id="accompanying" label={t("fields.accompanying")} hint={t("fields.accompanyingHint")} className="sm:col-span-2" />
      </CardContent>
    </Card>
  );
}
