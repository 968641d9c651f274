"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { DailyRateFields, RATE_FIELD_PATHS, ratesAsText, type TGroupRates } from "@/components/forms/daily-rate-fields";
import { ZSetAgreementRates, type TSetAgreementRates, type TSetAgreementRatesInput } from "@/server/schemas/projects";

/** The coordinator's form for the daily rates of the project's grant agreement (a new version per save). */
export function AgreementRatesForm({
  orgId,
  projectId,
  baseVersion,
  source,
  current,
  decimal,
}: {
  orgId: string;
  projectId: string;
  baseVersion: number | null;
  source: string | null;
  current: { staff: TGroupRates; pupil: TGroupRates };
  decimal: string;
}) {
  const t = useTranslations("agreementRates");
  const tErr = useTranslations("errors");
  const router = useRouter();
  const trpc = useTRPC();
  const form = useForm<TSetAgreementRatesInput, unknown, TSetAgreementRates>({
    resolver: zodResolver(ZSetAgreementRates),
    defaultValues: { projectId, baseVersion, source: source ?? "", staff: ratesAsText(current.staff, decimal), pupil: ratesAsText(current.pupil, decimal) },
  });
  const save = useMutation(
    trpc.projects.setAgreementRates.mutationOptions({
      onSuccess: (saved) => {
        toast.success(t("saved", { version: saved.version, changed: saved.changedMobilities }));
        form.setValue("baseVersion", saved.version);
        router.refresh();
      },
      onError: (error) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), [...RATE_FIELD_PATHS, "source"]),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("formTitle")}</CardTitle>
        <CardDescription>{t("formDescription")}</CardDescription>
      </CardHeader>
      <Form {...form}>
        <form onSubmit={form.handleSubmit(() => save.mutate({ orgId, ...form.getValues() }))} noValidate data-testid="agreement-rates-form">
          <CardContent className="grid gap-4">
            <FormField
              control={form.control}
              name="source"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("source")}</FormLabel>
                  <FormControl>
                    <Input placeholder={t("sourcePlaceholder")} data-testid="agreement-source" {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <DailyRateFields control={form.control} personLabel={(person) => t(person)} groupLabel={(group) => t("group", { group })} perDay={t("perDay")} testIdPrefix="agreement" />
          </CardContent>
          <CardFooter className="mt-4 justify-end">
            <Button type="submit" disabled={save.isPending} data-testid="agreement-save">
              {save.isPending ? t("saving") : t("save")}
            </Button>
          </CardFooter>
        </form>
      </Form>
    </Card>
  );
}
