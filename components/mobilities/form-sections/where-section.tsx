"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { CountryField, IntegerField, TextField, TownField } from "@/components/forms/fields";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { INCOMING_ACTIVITIES } from "@/server/schemas/mobilities";
import type { SectionProps } from "./types";

/**
 * Where to (or, for incoming activities, where the guest comes from): the organisation — a known
 * partner fills its country and town — the destination, the origin and an official distance.
 */
export function WhereSection({
  form,
  values,
  note,
  orgId,
  countries,
  schoolTown,
  calculatedKm,
}: SectionProps & { orgId: string; countries: string[]; schoolTown: string; calculatedKm: number | null | undefined }) {
  const t = useTranslations("mobilityForm");
  const trpc = useTRPC();
  const partners = useQuery(trpc.partners.list.queryOptions({ orgId }));
  const isIncoming = INCOMING_ACTIVITIES.includes(values.activityType);
  const control = form.control;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{isIncoming ? t("sections.guestFrom") : t("sections.where")}</CardTitle>
        {isIncoming && <CardDescription>{t("incomingHelp")}</CardDescription>}
      </CardHeader>
      <CardContent className="grid gap-4 md:grid-cols-2">
        <div className="md:col-span-2">
          <TextField
            control={control}
            name="receivingOrganisation"
            label={isIncoming ? t("sendingOrganisation") : t("receivingOrganisation")}
            after={note("receivingOrganisation")}
            list="partner-organisations"
            autoComplete="off"
            onChange={(event) => {
              const name = event.target.value;
              form.setValue("receivingOrganisation", name, { shouldDirty: true });
              // A known partner fills its country and town (and so the distance).
              const partner = partners.data?.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
              if (partner) {
                form.setValue("destinationCountry", partner.country, { shouldDirty: true });
                form.setValue("destinationTown", partner.town, { shouldDirty: true });
              }
            }}
          />
          <datalist id="partner-organisations">
            {partners.data?.map((p) => (
              <option key={p.id} value={p.name}>
                {p.town}
              </option>
            ))}
          </datalist>
        </div>
        <CountryField
          control={control}
          name="destinationCountry"
          label={t("country")}
          countries={countries}
          placeholder={t("chooseCountry")}
          testId="country-select"
          after={note("destinationCountry")}
        />
        <TownField control={control} name="destinationTown" label={t("town")} country={values.destinationCountry || undefined} after={note("destinationTown")} />
        {!isIncoming && (
          <TownField control={control} name="originTown" label={t("originTown")} placeholder={schoolTown} description={t("originTownHelp")} after={note("originTown")} />
        )}
        <IntegerField
          control={control}
          name="distanceKm"
          label={t("distanceKm")}
          min={0}
          placeholder={calculatedKm ? String(calculatedKm) : ""}
          description={t("distanceKmHelp")}
          after={note("distanceKm")}
        />
      </CardContent>
    </Card>
  );
}
