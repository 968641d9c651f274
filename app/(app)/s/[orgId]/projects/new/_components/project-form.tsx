"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { DateField, MoneyField } from "@/components/forms/fields";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import {
  BUDGET_CATEGORIES,
  PROJECT_ACTIONS,
  ZCreateProjectForm,
  parseProjectNumber,
  type TBudgetCategory,
  type TCreateProjectFormInput,
} from "@/server/schemas/projects";

type TOutput = z.output<typeof ZCreateProjectForm>;
const CALL_YEARS = [2021, 2022, 2023, 2024, 2025, 2026, 2027] as const;
const KA1_CATEGORIES = BUDGET_CATEGORIES.filter((c) => c !== "lumpSum");
const FIELDS = ["action", "projectNumber", "title", "callYear", "startDate", "endDate", ...BUDGET_CATEGORIES.map((c) => `awarded.${c}`)];

export function ProjectForm({ orgId, naCode }: { orgId: string; naCode: string }) {
  const t = useTranslations("projectForm");
  const tCat = useTranslations("budgetCategories");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const router = useRouter();
  const year = new Date().getFullYear();
  const form = useForm<TCreateProjectFormInput, unknown, TOutput>({
    resolver: zodResolver(ZCreateProjectForm),
    defaultValues: {
      action: "KA122",
      projectNumber: "",
      title: "",
      callYear: Math.min(year, 2027),
      startDate: "",
      endDate: "",
      awarded: Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, ""])) as Record<TBudgetCategory, string>,
    },
  });
  const action = useWatch({ control: form.control, name: "action" });
  const typedNumber = useWatch({ control: form.control, name: "projectNumber" });

  // The project number already says the call year and the action: fill them in from it.
  useEffect(() => {
    const parsed = parseProjectNumber(typedNumber.trim().toUpperCase());
    if (!parsed) return;
    if (parsed.callYear >= 2021 && parsed.callYear <= 2027 && parsed.callYear !== form.getValues("callYear")) {
      form.setValue("callYear", parsed.callYear, { shouldValidate: form.formState.isSubmitted });
    }
    const namedAction = PROJECT_ACTIONS.find((a) => a === parsed.action);
    if (namedAction && namedAction !== form.getValues("action")) {
      form.setValue("action", namedAction, { shouldValidate: form.formState.isSubmitted });
    }
  }, [typedNumber, form]);
  const categories: readonly TBudgetCategory[] = action === "KA210" || action === "KA220" ? ["lumpSum"] : KA1_CATEGORIES;

  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: (project) => router.push(`/s/${orgId}/projects/${project.id}`),
      onError: (error) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), FIELDS),
    }),
  );

  const onSubmit = (values: TOutput) => {
    const awarded = Object.fromEntries(
      BUDGET_CATEGORIES.map((c) => [c, categories.includes(c) ? values.awarded[c] : 0]),
    ) as TOutput["awarded"];
    create.mutate({ ...values, awarded, orgId });
  };

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="grid grid-cols-[minmax(0,1fr)] gap-6">
        <Card>
          <CardHeader>
            <CardTitle>{t("sections.project")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 md:grid-cols-2">
            <FormField
              control={form.control}
              name="action"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("action")}</FormLabel>
                  <Select value={field.value} onValueChange={field.onChange}>
                    <FormControl>
                      <SelectTrigger className="w-full">
                        <SelectValue />
                      </SelectTrigger>
                    </FormControl>
                    <SelectContent>
                      {PROJECT_ACTIONS.map((a) => (
                        <SelectItem key={a} value={a}>
                          {a}-SCH · {t(`actions.${a}`)}
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
              name="callYear"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("callYear")}</FormLabel>
                  <Select value={String(field.value)} onValueChange={(v) => field.onChange(Number(v))}>
                    <FormControl>
                      <SelectTrigger className="w-full">
                        <SelectValue />
                      </SelectTrigger>
                    </FormControl>
                    <SelectContent>
                      {CALL_YEARS.map((y) => (
                        <SelectItem key={y} value={String(y)}>
                          {y}
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
              name="projectNumber"
              render={({ field }) => (
                <FormItem className="md:col-span-2">
                  <FormLabel>{t("projectNumber")}</FormLabel>
                  <FormControl>
                    <Input {...field} className="font-mono" placeholder={`${form.getValues("callYear")}-1-${naCode}-${action}-SCH-000000000`} autoComplete="off" />
                  </FormControl>
                  <FormDescription>{t("projectNumberHelp")}</FormDescription>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="title"
              render={({ field }) => (
                <FormItem className="md:col-span-2">
                  <FormLabel>{t("projectTitle")}</FormLabel>
                  <FormControl>
                    <Input {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <DateField control={form.control} name="startDate" label={t("startDate")} />
            <DateField control={form.control} name="endDate" label={t("endDate")} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("sections.budget")}</CardTitle>
            <CardDescription>{t("budgetHelp")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {categories.map((category) => (
              <MoneyField
                key={category}
                control={form.control}
                name={`awarded.${category}`}
                label={tCat(category)}
                inputClassName="text-right tabular-nums"
              />
            ))}
          </CardContent>
          <CardFooter className="justify-end gap-2">
            <Button type="button" variant="outline" onClick={() => router.back()}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? t("saving") : t("save")}
            </Button>
          </CardFooter>
        </Card>
      </form>
    </Form>
  );
}
