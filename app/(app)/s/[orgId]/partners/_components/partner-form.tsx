"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { CountrySelect } from "@/components/forms/country-select";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { ZCreatePartner, type TCreatePartner, type TCreatePartnerInput } from "@/server/schemas/partners";

const EMPTY: TCreatePartnerInput = { oid: "", name: "", country: "", town: "" };
const FIELDS = ["oid", "name", "country", "town"];

export function PartnerForm({ orgId, countries }: { orgId: string; countries: string[] }) {
  const t = useTranslations("partners");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<TCreatePartnerInput, unknown, TCreatePartner>({ resolver: zodResolver(ZCreatePartner), defaultValues: EMPTY });
  const create = useMutation(
    trpc.partners.create.mutationOptions({
      onSuccess: async (partner) => {
        toast.success(t("added", { name: partner.name }));
        form.reset(EMPTY);
        await queryClient.invalidateQueries({ queryKey: trpc.partners.list.queryKey({ orgId }) });
      },
      onError: (error) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), FIELDS),
    }),
  );
  const text = (name: "oid" | "name" | "town", placeholder?: string) => (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{t(`fields.${name}`)}</FormLabel>
          <FormControl>
            <Input {...field} value={field.value ?? ""} placeholder={placeholder} />
          </FormControl>
          <FormMessage />
        </FormItem>
      )}
    />
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("add")}</CardTitle>
        <CardDescription>{t("addHelp")}</CardDescription>
      </CardHeader>
      <Form {...form}>
        <form onSubmit={form.handleSubmit((values) => create.mutate({ ...values, orgId }))} noValidate>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            {text("name")}
            {text("oid", "E10123456")}
            <FormField
              control={form.control}
              name="country"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("fields.country")}</FormLabel>
                  <CountrySelect countries={countries} value={field.value} onChange={field.onChange} placeholder={t("chooseCountry")} />
                  <FormMessage />
                </FormItem>
              )}
            />
            {text("town")}
          </CardContent>
          <CardFooter className="mt-4 justify-end">
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? t("saving") : t("save")}
            </Button>
          </CardFooter>
        </form>
      </Form>
    </Card>
  );
}
