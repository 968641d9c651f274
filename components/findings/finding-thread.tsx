"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { ZFindingMessage, type TFindingMessage, type TFindingMessageInput, type TFindingStatus } from "@/server/schemas/na";

export const STATUS_VARIANT = { open: "warning", answered: "secondary", closed: "success" } as const;

export function FindingStatusBadge({ status }: { status: TFindingStatus }) {
  const t = useTranslations("na.findings.status");
  return (
    <Badge variant={STATUS_VARIANT[status]} data-testid="finding-status">
      {t(status)}
    </Badge>
  );
}

interface TMessage {
  id: string;
  body: string;
  createdAt: Date;
  authorName: string | null;
  fromAgency: boolean;
}

/** The conversation of one finding, the agency's messages on one side and the school's on the other. */
export function FindingMessages({ messages }: { messages: TMessage[] }) {
  const t = useTranslations("na.findings");
  const format = useFormatter();
  return (
    <ol className="grid gap-3" data-testid="finding-messages">
      {messages.map((m) => (
        <li
          key={m.id}
          className={cn("grid max-w-[36rem] gap-1 rounded-lg border p-3 text-sm", m.fromAgency ? "justify-self-start bg-muted/40" : "justify-self-end bg-accent/40")}
          data-from={m.fromAgency ? "agency" : "school"}
        >
          <span className="text-xs text-muted-foreground">
            {m.fromAgency ? t("fromAgency") : t("fromSchool")} · {m.authorName ?? t("unknownAuthor")} ·{" "}
            {format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}
          </span>
          <p className="whitespace-pre-wrap">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}

const FIELDS = ["body"];

/** Writing in a finding: the officer (`side: "agency"`) or the school's coordinator (`side: "school"`). */
export function FindingReplyForm({ side, findingId, version, orgId }: { side: "agency" | "school"; findingId: string; version: number; orgId?: string }) {
  const t = useTranslations("na.findings");
  const tErr = useTranslations("errors");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const form = useForm<TFindingMessageInput, unknown, TFindingMessage>({
    resolver: zodResolver(ZFindingMessage),
    defaultValues: { findingId, version, body: "", locale: locale === "sl" ? "sl" : "en" },
  });
  const onSuccess = () => {
    toast.success(t("sent"));
    form.reset({ findingId, version: version + 1, body: "", locale: locale === "sl" ? "sl" : "en" });
    router.refresh();
  };
  const onError = (error: unknown) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), FIELDS);
  const officer = useMutation(trpc.na.postMessage.mutationOptions({ onSuccess, onError }));
  const school = useMutation(trpc.findings.reply.mutationOptions({ onSuccess, onError }));
  const pending = officer.isPending || school.isPending;
  const submit = (values: TFindingMessage) => {
    if (side === "agency") officer.mutate({ ...values, version });
    else if (orgId) school.mutate({ ...values, version, orgId });
  };
  return (
    <Card>
      <Form {...form}>
        <form onSubmit={form.handleSubmit(submit)} noValidate data-testid="finding-reply-form">
          <CardHeader>
            <CardTitle className="text-base">{t("reply")}</CardTitle>
          </CardHeader>
          <CardContent>
            <FormField
              control={form.control}
              name="body"
              render={({ field }) => (
                <FormItem>
                  <FormLabel className="sr-only">{t("reply")}</FormLabel>
                  <FormControl>
                    <Textarea rows={4} placeholder={side === "school" ? t("answerPlaceholder") : t("messagePlaceholder")} {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
          </CardContent>
          <CardFooter className="mt-4 justify-end">
            <Button type="submit" disabled={pending}>
              {pending ? t("sending") : t("send")}
            </Button>
          </CardFooter>
        </form>
      </Form>
    </Card>
  );
}

export function CloseFindingButton({ findingId, version }: { findingId: string; version: number }) {
  const t = useTranslations("na.findings");
  const tErr = useTranslations("errors");
  const router = useRouter();
  const trpc = useTRPC();
  const close = useMutation(
    trpc.na.closeFinding.mutationOptions({
      onSuccess: () => {
        toast.success(t("closed"));
        router.refresh();
      },
      onError: (error) => toast.error(tErr.has(error.message) ? tErr(error.message) : tErr("internal")),
    }),
  );
  return (
    <Button variant="outline" disabled={close.isPending} onClick={() => close.mutate({ findingId, version })}>
      {close.isPending ? t("closing") : t("close")}
    </Button>
  );
}
