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
import { ZSetAgreementRates, type TSetAgreementRates, type TSetAgreementRatesInput } from "@/server/schemas/projects";

type TRates = readonly [number, number, number] | null;
/** Index in the tuple → country group. */
const GROUPS = [0, 1, 2] as const;
const PEOPLE = ["staff", "pupil"] as const;
const FIELDS = PEOPLE.flatMap((p) => GROUPS.map((g) => `${p}.${g}`)).concat("source");

/** Cents as the text a coordinator edits ("85" or "84,50"): a change of unit for display only. */
function asText(cents: number | undefined, decimal: string): string {
  if (cents === undefined) return "";
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros}${decimal}${String(rest).padStart(2, "0")}`;
}

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
  current: { staff: TRates; pupil: TRates };
  decimal: string;
}) {
  const t = useTranslations("agreementRates");
  const tErr = useTranslations("errors");
  const router = useRouter();
  const trpc = useTRPC();
  const values = (rates: TRates): [string, string, string] => [asText(rates?.[0], decimal), asText(rates?.[1], decimal), asText(rates?.[2], decimal)];
  const form = useForm<TSetAgreementRatesInput, unknown, TSetAgreementRates>({
    resolver: zodResolver(ZSetAgreementRates),
    defaultValues: { projectId, baseVersion, source: source ?? "", staff: values(current.staff), pupil: values(current.pupil) },
  });
  const save = useMutation(
    trpc.projects.setAgreementRates.mutationOptions({
      onSuccess: (saved) => {
        toast.success(t("saved", { version: saved.version, changed: saved.changedMobilities }));
        form.setValue("baseVersion", saved.version);
        router.refresh();
      },
      onError: (error) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), FIELDS),
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
            {PEOPLE.map((person) => (
              <fieldset key={person} className="grid gap-2">
                <legend className="mb-2 text-sm font-medium">{t(person)}</legend>
                <div className="grid gap-3 sm:grid-cols-3">
                  {GROUPS.map((group) => (
                    <FormField
                      key={group}
                      control={form.control}
                      name={`${person}.${group}`}
                      render={({ field }) => (
                        <FormItem>
                          <FormLabel>{t("group", { group: group + 1 })}</FormLabel>
                          <FormControl>
                            <div className="flex items-center gap-2">
                              <Input inputMode="decimal" className="tabular-nums" data-testid={`agreement-${person}-${group + 1}`} {...field} />
                              <span className="shrink-0 text-xs text-muted-foreground">{t("perDay")}</span>
                            </div>
                          </FormControl>
                          <FormMessage />
                        </FormItem>
                      )}
                    />
                  ))}
                </div>
              </fieldset>
            ))}
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
