"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { CountryField, TextField, TownField } from "@/components/forms/fields";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { ZCreatePartner, type TCreatePartner, type TCreatePartnerInput } from "@/server/schemas/partners";

const EMPTY: TCreatePartnerInput = { oid: "", name: "", country: "", town: "" };
const FIELDS = ["oid", "name", "country", "town"];

export function PartnerForm({ orgId, countries }: { orgId: string; countries: string[] }) {
  const t = useTranslations("partners");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<TCreatePartnerInput, unknown, TCreatePartner>({ resolver: zodResolver(ZCreatePartner), defaultValues: EMPTY });
  const partnerCountry = useWatch({ control: form.control, name: "country" });
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
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("add")}</CardTitle>
        <CardDescription>{t("addHelp")}</CardDescription>
      </CardHeader>
      <Form {...form}>
        <form onSubmit={form.handleSubmit((values) => create.mutate({ ...values, orgId }))} noValidate>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <TextField control={form.control} name="name" label={t("fields.name")} />
            <TextField control={form.control} name="oid" label={t("fields.oid")} placeholder="E10123456" />
            <CountryField control={form.control} name="country" label={t("fields.country")} countries={countries} placeholder={t("chooseCountry")} />
            <TownField control={form.control} name="town" label={t("fields.town")} country={partnerCountry || undefined} />
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
