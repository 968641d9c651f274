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
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { PARTICIPANT_KINDS, ZCreateParticipant, type TCreateParticipant, type TCreateParticipantInput } from "@/server/schemas/participants";

const FIELDS = ["kind", "firstName", "lastName", "email", "staffRole", "dateOfBirth"];
const EMPTY: TCreateParticipantInput = { kind: "staff", firstName: "", lastName: "", email: "", staffRole: "", dateOfBirth: "" };

export function ParticipantForm({ orgId }: { orgId: string }) {
  const t = useTranslations("participants");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<TCreateParticipantInput, unknown, TCreateParticipant>({
    resolver: zodResolver(ZCreateParticipant),
    defaultValues: EMPTY,
  });
  const kind = useWatch({ control: form.control, name: "kind" });
  const create = useMutation(
    trpc.participants.create.mutationOptions({
      onSuccess: async (participant) => {
        toast.success(t("added", { name: `${participant.firstName} ${participant.lastName}` }));
        form.reset({ ...EMPTY, kind: form.getValues("kind") });
        await queryClient.invalidateQueries({ queryKey: trpc.participants.list.queryKey({ orgId }) });
      },
      onError: (error) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), FIELDS),
    }),
  );

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

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("add")}</CardTitle>
      </CardHeader>
      <Form {...form}>
        <form onSubmit={form.handleSubmit((values) => create.mutate({ ...values, orgId }))} noValidate>
          <CardContent className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
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
