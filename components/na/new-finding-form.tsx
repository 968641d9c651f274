"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useFormatDate } from "@/components/format";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { ZCreateFinding, type TCreateFinding, type TCreateFindingInput } from "@/server/schemas/na";

const FIELDS = ["title", "body", "mobilityId"];
const WHOLE_PROJECT = "project";

interface MobilityOption {
  id: string;
  activityType: string;
  startDate: string;
  endDate: string;
  participantName: string | null;
}

/** The officer opens a finding about the project or one of its mobilities; the school is told by e-mail. */
export function NewFindingForm({ projectId, mobilities, defaultMobilityId }: { projectId: string; mobilities: MobilityOption[]; defaultMobilityId?: string }) {
  const t = useTranslations("na.findings");
  const tAct = useTranslations("activities");
  const tErr = useTranslations("errors");
  const date = useFormatDate();
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const form = useForm<TCreateFindingInput, unknown, TCreateFinding>({
    resolver: zodResolver(ZCreateFinding),
    defaultValues: { projectId, title: "", body: "", locale: locale === "sl" ? "sl" : "en", ...(defaultMobilityId ? { mobilityId: defaultMobilityId } : {}) },
  });
  const create = useMutation(
    trpc.na.createFinding.mutationOptions({
      onSuccess: (finding) => {
        toast.success(t("created"));
        router.push(`/na/findings/${finding.id}`);
      },
      onError: (error) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), FIELDS),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("new")}</CardTitle>
        <CardDescription>{t("newDescription")}</CardDescription>
      </CardHeader>
      <Form {...form}>
        <form onSubmit={form.handleSubmit((values) => create.mutate(values))} noValidate data-testid="new-finding-form">
          <CardContent className="grid gap-4">
            <FormField
              control={form.control}
              name="mobilityId"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("about")}</FormLabel>
                  <Select value={field.value ?? WHOLE_PROJECT} onValueChange={(v) => field.onChange(v === WHOLE_PROJECT ? undefined : v)}>
                    <FormControl>
                      <SelectTrigger className="w-full" data-testid="finding-about">
                        <SelectValue />
                      </SelectTrigger>
                    </FormControl>
                    <SelectContent>
                      <SelectItem value={WHOLE_PROJECT}>{t("aboutProject")}</SelectItem>
                      {mobilities.map((m) => (
                        <SelectItem key={m.id} value={m.id}>
                          {m.participantName ? `${m.participantName} · ` : ""}
                          {t("aboutMobility", { activity: tAct(m.activityType), start: date(m.startDate), end: date(m.endDate) })}
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
              name="title"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("titleLabel")}</FormLabel>
                  <FormControl>
                    <Input {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="body"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("bodyLabel")}</FormLabel>
                  <FormControl>
                    <Textarea rows={4} placeholder={t("messagePlaceholder")} {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
          </CardContent>
          <CardFooter className="mt-4 justify-end">
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? t("creating") : t("create")}
            </Button>
          </CardFooter>
        </form>
      </Form>
    </Card>
  );
}
