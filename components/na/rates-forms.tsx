"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { DailyRateFields, RATE_FIELD_PATHS, ratesAsText, type TGroupRates } from "@/components/forms/daily-rate-fields";
import { ZSetIndividualSupportRates, type TSetIndividualSupportRates, type TSetIndividualSupportRatesInput } from "@/server/schemas/na";

export function IndividualSupportForm({
  naCode,
  callYear,
  baseVersion,
  current,
  decimal,
}: {
  naCode: string;
  callYear: number;
  baseVersion: number | null;
  current: { staff: TGroupRates; pupil: TGroupRates };
  decimal: string;
}) {
  const t = useTranslations("na.rates");
  const tErr = useTranslations("errors");
  const router = useRouter();
  const trpc = useTRPC();
  const form = useForm<TSetIndividualSupportRatesInput, unknown, TSetIndividualSupportRates>({
    resolver: zodResolver(ZSetIndividualSupportRates),
    defaultValues: { naCode, callYear, baseVersion, staff: ratesAsText(current.staff, decimal), pupil: ratesAsText(current.pupil, decimal), note: "" },
  });
  const save = useMutation(
    trpc.na.setIndividualSupportRates.mutationOptions({
      onSuccess: (saved) => {
        toast.success(t("saved", { version: saved.version }));
        form.setValue("baseVersion", saved.version);
        router.refresh();
      },
      onError: (error) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), [...RATE_FIELD_PATHS, "note"]),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("individualTitle")}</CardTitle>
        <CardDescription>{t("individualDescription")}</CardDescription>
      </CardHeader>
      <Form {...form}>
        <form onSubmit={form.handleSubmit(() => save.mutate(form.getValues()))} noValidate data-testid="individual-support-form">
          <CardContent className="grid gap-4">
            {current.staff === null && (
              <Alert variant="warning">
                <AlertDescription>{t("notSet", { year: callYear })}</AlertDescription>
              </Alert>
            )}
            <DailyRateFields control={form.control} personLabel={(person) => t(person)} groupLabel={(group) => t("group", { group })} perDay={t("perDay")} testIdPrefix="rate" />
            <FormField
              control={form.control}
              name="note"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("note")}</FormLabel>
                  <FormControl>
                    <Input {...field} value={field.value ?? ""} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
          </CardContent>
          <CardFooter className="mt-4 justify-end">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? t("saving") : t("save")}
            </Button>
          </CardFooter>
        </form>
      </Form>
    </Card>
  );
}

export function ReapplyCard({ naCode, callYear, total, onNewest }: { naCode: string; callYear: number; total: number; onNewest: number }) {
  const t = useTranslations("na.rates");
  const tErr = useTranslations("errors");
  const router = useRouter();
  const trpc = useTRPC();
  const [result, setResult] = useState<{ projects: number; projectsChanged: number; mobilitiesChanged: number } | null>(null);
  const reapply = useMutation(
    trpc.na.reapplyRates.mutationOptions({
      onSuccess: (outcome) => {
        setResult(outcome);
        router.refresh();
      },
      onError: (error) => toast.error(tErr.has(error.message) ? tErr(error.message) : tErr("internal")),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("reapplyTitle")}</CardTitle>
        <CardDescription>{total === 0 ? t("reapplyNothing", { year: callYear }) : t("reapplyDescription", { onNewest, total, year: callYear })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {result && (
          <Alert data-testid="reapply-result">
            <AlertDescription>
              {t("reapplied", { projects: result.projects, changed: result.projectsChanged, mobilities: result.mobilitiesChanged })}
            </AlertDescription>
          </Alert>
        )}
        <Button className="w-fit" variant="outline" disabled={total === 0 || reapply.isPending} onClick={() => reapply.mutate({ naCode, callYear })}>
          {reapply.isPending ? t("reapplying") : t("reapply", { year: callYear })}
        </Button>
      </CardContent>
    </Card>
  );
}
