"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { ACTIVITY_TYPES, MOBILITY_STATUSES, ZLogMobility, type TLogMobility, type TLogMobilityInput } from "@/server/schemas/mobilities";

const FIELDS = [
  "participantId", "activityType", "status", "startDate", "endDate", "travelDays", "greenTravel",
  "receivingOrganisation", "destinationCountry", "destinationTown", "distanceKm",
];

interface Props {
  orgId: string;
  projectId: string;
  participants: { id: string; label: string; kind: "staff" | "pupil" }[];
  countries: string[];
}

export function MobilityForm({ orgId, projectId, participants, countries }: Props) {
  const t = useTranslations("mobilityForm");
  const tActivity = useTranslations("activities");
  const tStatus = useTranslations("mobilityStatus");
  const tErr = useTranslations("errors");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: "region" }), [locale]);
  const countryOptions = useMemo(
    () => countries.map((code) => ({ code, name: regionNames.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, locale)),
    [countries, regionNames, locale],
  );

  const form = useForm<TLogMobilityInput, unknown, TLogMobility>({
    resolver: zodResolver(ZLogMobility),
    defaultValues: {
      projectId,
      participantId: "",
      activityType: "SM-JOB-SHDW",
      status: "planned",
      startDate: "",
      endDate: "",
      travelDays: 2,
      greenTravel: false,
      receivingOrganisation: "",
      destinationCountry: "",
      destinationTown: "",
      distanceKm: undefined,
    },
  });

  const log = useMutation(
    trpc.mobilities.log.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.mobilities.listByProject.queryKey({ orgId, projectId }) });
        router.push(`/s/${orgId}/projects/${projectId}`);
        router.refresh();
      },
      onError: (error) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), FIELDS),
    }),
  );

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit((values) => log.mutate({ ...values, orgId }))} noValidate className="grid grid-cols-[minmax(0,1fr)] gap-6">
        <Card>
          <CardHeader>
            <CardTitle>{t("sections.who")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 md:grid-cols-2">
            <FormField
              control={form.control}
              name="participantId"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("participant")}</FormLabel>
                  <Select value={field.value} onValueChange={field.onChange}>
                    <FormControl>
                      <SelectTrigger className="w-full" data-testid="participant-select">
                        <SelectValue placeholder={t("chooseParticipant")} />
                      </SelectTrigger>
                    </FormControl>
                    <SelectContent>
                      {participants.map((p) => (
                        <SelectItem key={p.id} value={p.id}>
                          {p.label}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  {participants.length === 0 ? (
                    <FormDescription>
                      <Link href={`/s/${orgId}/participants`} className="underline">
                        {t("addParticipantFirst")}
                      </Link>
                    </FormDescription>
                  ) : null}
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="activityType"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("activityType")}</FormLabel>
                  <Select value={field.value} onValueChange={field.onChange}>
                    <FormControl>
                      <SelectTrigger className="w-full" data-testid="activity-select">
                        <SelectValue />
                      </SelectTrigger>
                    </FormControl>
                    <SelectContent>
                      {ACTIVITY_TYPES.map((a) => (
                        <SelectItem key={a} value={a}>
                          {tActivity(a)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="status"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("status")}</FormLabel>
                  <Select value={field.value} onValueChange={field.onChange}>
                    <FormControl>
                      <SelectTrigger className="w-full">
                        <SelectValue />
                      </SelectTrigger>
                    </FormControl>
                    <SelectContent>
                      {MOBILITY_STATUSES.map((s) => (
                        <SelectItem key={s} value={s}>
                          {tStatus(s)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  <FormMessage />
                </FormItem>
              )}
            />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("sections.when")}</CardTitle>
            <CardDescription>{t("datesHelp")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 md:grid-cols-3">
            <FormField
              control={form.control}
              name="startDate"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("startDate")}</FormLabel>
                  <FormControl>
                    <Input type="date" {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="endDate"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("endDate")}</FormLabel>
                  <FormControl>
                    <Input type="date" {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="travelDays"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("travelDays")}</FormLabel>
                  <FormControl>
                    <Input
                      type="number"
                      min={0}
                      max={6}
                      value={Number.isFinite(field.value) ? field.value : ""}
                      onChange={(e) => field.onChange(e.target.value === "" ? Number.NaN : e.target.valueAsNumber)}
                      onBlur={field.onBlur}
                      name={field.name}
                      ref={field.ref}
                    />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="greenTravel"
              render={({ field }) => (
                <FormItem className="flex items-center gap-3 md:col-span-3">
                  <FormControl>
                    <Switch checked={field.value ?? false} onCheckedChange={field.onChange} />
                  </FormControl>
                  <FormLabel className="!mt-0">{t("greenTravel")}</FormLabel>
                  <FormMessage />
                </FormItem>
              )}
            />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("sections.where")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 md:grid-cols-2">
            <FormField
              control={form.control}
              name="receivingOrganisation"
              render={({ field }) => (
                <FormItem className="md:col-span-2">
                  <FormLabel>{t("receivingOrganisation")}</FormLabel>
                  <FormControl>
                    <Input {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="destinationCountry"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("country")}</FormLabel>
                  <Select value={field.value} onValueChange={field.onChange}>
                    <FormControl>
                      <SelectTrigger className="w-full" data-testid="country-select">
                        <SelectValue placeholder={t("chooseCountry")} />
                      </SelectTrigger>
                    </FormControl>
                    <SelectContent>
                      {countryOptions.map((c) => (
                        <SelectItem key={c.code} value={c.code}>
                          {c.name}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="destinationTown"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("town")}</FormLabel>
                  <FormControl>
                    <Input {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
          </CardContent>
          <CardFooter className="justify-end gap-2">
            <Button type="button" variant="outline" onClick={() => router.back()}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={log.isPending}>
              {log.isPending ? t("saving") : t("save")}
            </Button>
          </CardFooter>
        </Card>
      </form>
    </Form>
  );
}
