"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm, type Control } from "react-hook-form";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useRuleTranslators } from "@/components/i18n/use-rule-text";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { DailyRateFields, RATE_FIELD_PATHS, ratesAsText, type TGroupRates } from "@/components/forms/daily-rate-fields";
import { rateTableFigureText } from "@/lib/rule-text";
import { cn } from "@/lib/utils";
import { AGREEMENT_FIGURE_GROUPS, AGREEMENT_FIGURES, agreementFigureText, type TAgreementFigure } from "@/server/schemas/agreement-figures";
import { ZSetAgreementRates, type TSetAgreementRates, type TSetAgreementRatesInput } from "@/server/schemas/projects";

type TFigureInForce = RouterOutputs["projects"]["agreementRates"]["figures"][number];

const ORIGIN_STYLE: Record<string, string> = {
  agreement: "border-primary/40 bg-primary/10 text-primary",
  na: "border-sky-600/40 bg-sky-50 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  default: "border-border text-muted-foreground",
};

const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/**
 * The coordinator's form for the figures of the project's grant agreement (a new version per save):
 * the daily rates, then every other figure of the catalogue, grouped; an empty field leaves the
 * national agency's figure or the default in force, which the field shows as its placeholder, with
 * where it comes from.
 */
export function AgreementRatesForm({
  orgId,
  projectId,
  baseVersion,
  source,
  current,
  figures,
  decimal,
}: {
  orgId: string;
  projectId: string;
  baseVersion: number | null;
  source: string | null;
  current: { staff: TGroupRates; pupil: TGroupRates };
  figures: readonly TFigureInForce[];
  decimal: string;
}) {
  const t = useTranslations("agreementRates");
  const tErr = useTranslations("errors");
  const router = useRouter();
  const trpc = useTRPC();
  const byId = new Map(figures.map((f) => [f.id, f]));
  const form = useForm<TSetAgreementRatesInput, unknown, TSetAgreementRates>({
    resolver: zodResolver(ZSetAgreementRates),
    defaultValues: {
      projectId,
      baseVersion,
      source: source ?? "",
      staff: ratesAsText(current.staff, decimal),
      pupil: ratesAsText(current.pupil, decimal),
      figures: Object.fromEntries(AGREEMENT_FIGURES.map((figure) => [figure.id, agreementFigureText(figure, byId.get(figure.id)?.agreement, decimal)])),
    },
  });
  const save = useMutation(
    trpc.projects.setAgreementRates.mutationOptions({
      onSuccess: (saved) => {
        toast.success(t("saved", { version: saved.version, changed: saved.changedMobilities }));
        form.setValue("baseVersion", saved.version);
        router.refresh();
      },
      onError: (error) =>
        applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), [
          ...RATE_FIELD_PATHS,
          "source",
          ...AGREEMENT_FIGURES.map((figure) => `figures.${figure.id}`),
        ]),
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
            <p className="text-sm text-muted-foreground">{t("figuresHint")}</p>
            {AGREEMENT_FIGURE_GROUPS.map((group) => (
              <FigureGroup
                key={group}
                group={group}
                control={form.control}
                entries={AGREEMENT_FIGURES.filter((figure) => figure.group === group)}
                byId={byId}
                decimal={decimal}
              />
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

/** One group of figures (organisational support, travel …), open when the agreement sets one of them. */
function FigureGroup({
  group,
  control,
  entries,
  byId,
  decimal,
}: {
  group: string;
  control: Control<TSetAgreementRatesInput, unknown, TSetAgreementRates>;
  entries: readonly TAgreementFigure[];
  byId: ReadonlyMap<string, TFigureInForce>;
  decimal: string;
}) {
  const t = useTranslations("agreementRates");
  const tr = useRuleTranslators();
  const open = entries.some((figure) => byId.get(figure.id)?.agreement !== null && byId.get(figure.id)?.agreement !== undefined) || group === "organisationalSupport";
  return (
    <details open={open} className="rounded-md border p-3" data-testid={`agreement-group-${group}`}>
      <summary className="cursor-pointer text-sm font-medium">{t(`groups.${group}`)}</summary>
      <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {entries.map((figure) => {
          const inForce = byId.get(figure.id);
          const origin = inForce?.origin ?? null;
          return (
            <FormField
              key={figure.id}
              control={control}
              name={`figures.${figure.id}`}
              render={({ field }) => (
                <FormItem>
                  <FormLabel className="text-xs font-normal leading-snug">{upperFirst(rateTableFigureText(figure.section, figure.path, tr))}</FormLabel>
                  <FormControl>
                    <div className="flex items-center gap-2">
                      <Input
                        inputMode={figure.unit === "cents" ? "decimal" : "numeric"}
                        className="tabular-nums"
                        placeholder={agreementFigureText(figure, inForce?.inForce, decimal)}
                        data-testid={`agreement-figure-${figure.id}`}
                        {...field}
                        value={field.value ?? ""}
                      />
                      <span className="shrink-0 text-xs text-muted-foreground">{t(`units.${figure.unit}`)}</span>
                    </div>
                  </FormControl>
                  {origin && (
                    <span className={cn("w-fit rounded border px-1.5 py-px text-[0.7rem]", ORIGIN_STYLE[origin])} data-testid={`agreement-origin-${figure.id}`}>
                      {t(`inForceFrom.${origin}`)}
                    </span>
                  )}
                  <FormMessage />
                </FormItem>
              )}
            />
          );
        })}
      </div>
    </details>
  );
}
