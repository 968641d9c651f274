"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { PARTICIPANT_KINDS, ZCreateParticipant, type TCreateParticipant, type TCreateParticipantInput } from "@/server/schemas/participants";

const FIELDS = ["kind", "firstName", "lastName", "email", "staffRole", "dateOfBirth", "fewerOpportunities", "fewerOpportunitiesNote"];
const EMPTY: TCreateParticipantInput = {
  kind: "staff",
  firstName: "",
  lastName: "",
  email: "",
  staffRole: "",
  dateOfBirth: "",
  fewerOpportunities: false,
  fewerOpportunitiesNote: "",
};

export interface ParticipantRow {
  id: string;
  version: number;
  kind: "staff" | "pupil";
  firstName: string;
  lastName: string;
  email: string | null;
  staffRole: string | null;
  dateOfBirth: string | null;
  fewerOpportunities?: boolean;
  fewerOpportunitiesNote?: string | null;
}

interface Props {
  orgId: string;
  /** The member may see and set special-category data (fewer opportunities and its justification). */
  specialCategory: boolean;
  /** Editing an existing participant (in a dialog); absent: adding one. */
  existing?: ParticipantRow;
  onDone?: () => void;
}

export function ParticipantForm({ orgId, specialCategory, existing, onDone }: Props) {
  const t = useTranslations("participants");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<TCreateParticipantInput, unknown, TCreateParticipant>({
    resolver: zodResolver(ZCreateParticipant),
    defaultValues: existing
      ? {
          kind: existing.kind,
          firstName: existing.firstName,
          lastName: existing.lastName,
          email: existing.email ?? "",
          staffRole: existing.staffRole ?? "",
          dateOfBirth: existing.dateOfBirth ?? "",
          fewerOpportunities: existing.fewerOpportunities ?? false,
          fewerOpportunitiesNote: existing.fewerOpportunitiesNote ?? "",
        }
      : EMPTY,
  });
  const kind = useWatch({ control: form.control, name: "kind" });
  const fewer = useWatch({ control: form.control, name: "fewerOpportunities" });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.participants.list.queryKey({ orgId }) });
  const onError = (error: unknown) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), FIELDS);

  const create = useMutation(
    trpc.participants.create.mutationOptions({
      onSuccess: async (participant) => {
        toast.success(t("added", { name: `${participant.firstName} ${participant.lastName}` }));
        form.reset({ ...EMPTY, kind: form.getValues("kind") });
        await refresh();
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.participants.update.mutationOptions({
      onSuccess: async () => {
        toast.success(t("saved"));
        await refresh();
        onDone?.();
      },
      onError,
    }),
  );
  const pending = create.isPending || update.isPending;

  const submit = form.handleSubmit((values) => {
    if (existing) update.mutate({ ...values, orgId, participantId: existing.id, version: existing.version });
    else create.mutate({ ...values, orgId });
  });

  const text = (name: "firstName" | "lastName" | "email" | "staffRole", type = "text") => (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{t(`fields.${name}`)}</FormLabel>
          <FormControl>
            <Input type={type} {...field} value={field.value ?? ""} />
          </FormControl>
          <FormMessage />
        </FormItem>
      )}
    />
  );

  const fields = (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <FormField
        control={form.control}
        name="kind"
        render={({ field }) => (
          <FormItem>
            <FormLabel>{t("fields.kind")}</FormLabel>
            <Select value={field.value} onValueChange={field.onChange}>
              <FormControl>
                <SelectTrigger className="w-full">
                  <SelectValue />
                </SelectTrigger>
              </FormControl>
              <SelectContent>
                {PARTICIPANT_KINDS.map((k) => (
                  <SelectItem key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <FormMessage />
          </FormItem>
        )}
      />
      {text("firstName")}
      {text("lastName")}
      {text("email", "email")}
      {kind === "staff" ? (
        text("staffRole")
      ) : (
        <FormField
          control={form.control}
          name="dateOfBirth"
          render={({ field }) => (
            <FormItem>
              <FormLabel>{t("fields.dateOfBirth")}</FormLabel>
              <FormControl>
                <Input type="date" {...field} value={field.value ?? ""} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
      )}
      {specialCategory && (
        <>
          <FormField
            control={form.control}
            name="fewerOpportunities"
            render={({ field }) => (
              <FormItem className="flex flex-row items-start gap-3 sm:col-span-2 lg:col-span-3">
                <FormControl>
                  <Switch checked={field.value ?? false} onCheckedChange={field.onChange} />
                </FormControl>
                <div className="grid gap-1">
                  <FormLabel>{t("fields.fewerOpportunities")}</FormLabel>
                  <FormDescription>{t("specialCategoryHelp")}</FormDescription>
                </div>
              </FormItem>
            )}
          />
          {fewer && (
            <FormField
              control={form.control}
              name="fewerOpportunitiesNote"
              render={({ field }) => (
                <FormItem className="sm:col-span-2 lg:col-span-3">
                  <FormLabel>{t("fields.fewerOpportunitiesNote")}</FormLabel>
                  <FormControl>
                    <Textarea rows={2} {...field} value={field.value ?? ""} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
          )}
        </>
      )}
    </div>
  );

  const button = (
    <Button type="submit" disabled={pending}>
      {pending ? t("saving") : existing ? t("saveChanges") : t("save")}
    </Button>
  );

  return (
    <Form {...form}>
      {existing ? (
        <form onSubmit={submit} noValidate className="grid gap-4">
          {fields}
          <div className="flex justify-end">{button}</div>
        </form>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>{t("add")}</CardTitle>
          </CardHeader>
          <form onSubmit={submit} noValidate>
            <CardContent>{fields}</CardContent>
            <CardFooter className="mt-4 justify-end">{button}</CardFooter>
          </form>
        </Card>
      )}
    </Form>
  );
}
