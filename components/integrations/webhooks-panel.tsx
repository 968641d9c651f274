"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Webhook } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { WEBHOOK_EVENTS, type TWebhookEvent } from "@/server/schemas/api-keys";
import type { TKeyOwner } from "./api-keys-panel";

/*
 * Webhook subscriptions of a school or an NA and their delivery log (docs/api.md, "Webhooks"): add a URL
 * with events (the signing secret is shown once), remove it, see each delivery's attempts and answer.
 */

interface TServerError {
  message?: string;
  data?: { fieldErrors?: Record<string, string[]> } | null;
}

export function WebhooksPanel({ owner }: { owner: TKeyOwner }) {
  const t = useTranslations("integrations.webhooks");
  const tErr = useTranslations("errors");
  const tVal = useTranslations("validation");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const urlId = useId();

  const listOptions = owner.kind === "school" ? trpc.webhooks.list.queryOptions({ orgId: owner.orgId }) : trpc.webhooks.naList.queryOptions({ naCode: owner.naCode });
  const logOptions =
    owner.kind === "school" ? trpc.webhooks.deliveries.queryOptions({ orgId: owner.orgId }) : trpc.webhooks.naDeliveries.queryOptions({ naCode: owner.naCode });
  const hooks = useQuery(listOptions);
  const log = useQuery({ ...logOptions, refetchInterval: 10_000 });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: listOptions.queryKey }), queryClient.invalidateQueries({ queryKey: logOptions.queryKey })]);

  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<TWebhookEvent[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState<string | null>(null);

  const onError = (error: unknown) => {
    const { message, data } = (error ?? {}) as TServerError;
    const fields: Record<string, string> = {};
    for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) if (messages[0]) fields[field.split(".")[0] ?? field] = messages[0];
    setErrors(fields);
    if (Object.keys(fields).length === 0) toast.error(message && tErr.has(message) ? tErr(message) : tErr("internal"));
  };
  const onCreated = async (created: { secret: string }) => {
    setSecret(created.secret);
    setUrl("");
    setEvents([]);
    setErrors({});
    await refresh();
  };
  const createSchool = useMutation(trpc.webhooks.create.mutationOptions({ onSuccess: onCreated, onError }));
  const createNa = useMutation(trpc.webhooks.naCreate.mutationOptions({ onSuccess: onCreated, onError }));
  const onRemoved = async () => {
    toast.success(t("removed"));
    await refresh();
  };
  const removeSchool = useMutation(trpc.webhooks.remove.mutationOptions({ onSuccess: onRemoved, onError }));
  const removeNa = useMutation(trpc.webhooks.naRemove.mutationOptions({ onSuccess: onRemoved, onError }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSecret(null);
    if (owner.kind === "school") createSchool.mutate({ orgId: owner.orgId, url, events });
    else createNa.mutate({ naCode: owner.naCode, url, events });
  };
  const fieldError = (field: string) => (errors[field] ? (tVal.has(errors[field]) ? tVal(errors[field]) : errors[field]) : null);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{t("create.title")}</CardTitle>
          <CardDescription>{t("create.description")}</CardDescription>
        </CardHeader>
        <form onSubmit={submit} noValidate>
          <CardContent className="grid gap-4">
            <div className="grid gap-2">
              <Label htmlFor={urlId}>{t("create.url")}</Label>
              <Input id={urlId} type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" maxLength={500} aria-invalid={Boolean(errors.url)} />
              {fieldError("url") && <p className="text-sm text-destructive">{fieldError("url")}</p>}
            </div>
            <fieldset className="grid gap-2 sm:grid-cols-2">
              <legend className="mb-1 text-sm font-medium">{t("create.events")}</legend>
              {WEBHOOK_EVENTS.map((name) => (
                <label key={name} className="flex items-start gap-3 rounded-md border p-3 text-sm">
                  <Checkbox
                    checked={events.includes(name)}
                    onCheckedChange={(checked) => setEvents((current) => (checked === true ? [...current, name] : current.filter((e) => e !== name)))}
                    aria-label={name}
                    className="mt-0.5"
                  />
                  <span className="grid gap-0.5">
                    <code className="font-mono text-xs">{name}</code>
                    <span className="text-muted-foreground">{t(`events.${name.replace(".", "_")}`)}</span>
                  </span>
                </label>
              ))}
              {fieldError("events") && <p className="text-sm text-destructive">{fieldError("events")}</p>}
            </fieldset>
          </CardContent>
          <CardFooter className="pt-4">
            <Button type="submit" disabled={createSchool.isPending || createNa.isPending}>
              <Webhook className="size-4" aria-hidden />
              {t("create.submit")}
            </Button>
          </CardFooter>
        </form>
      </Card>

      {secret && (
        <Alert data-testid="new-webhook-secret">
          <Webhook className="size-4" aria-hidden />
          <AlertTitle>{t("secret.title")}</AlertTitle>
          <AlertDescription className="grid gap-2">
            <p>{t("secret.once")}</p>
            <code className="break-all rounded bg-muted px-2 py-1 font-mono text-xs">{secret}</code>
            <Button type="button" variant="ghost" size="sm" className="justify-self-start" onClick={() => setSecret(null)}>
              {t("secret.done")}
            </Button>
          </AlertDescription>
        </Alert>
      )}

      <Card>
        <CardHeader>
          <CardTitle>{t("list.title")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2">
          {hooks.data?.length === 0 && <p className="text-sm text-muted-foreground">{t("list.empty")}</p>}
          {hooks.data?.map((hook) => (
            <div key={hook.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border p-3 text-sm">
              <span className="min-w-0 flex-1 break-all font-mono text-xs">{hook.url}</span>
              <span className="flex flex-wrap gap-1">
                {hook.events.map((name) => (
                  <Badge key={name} variant="outline" className="font-mono text-[11px]">
                    {name}
                  </Badge>
                ))}
              </span>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => (owner.kind === "school" ? removeSchool.mutate({ orgId: owner.orgId, webhookId: hook.id }) : removeNa.mutate({ webhookId: hook.id }))}
              >
                {t("list.remove")}
              </Button>
            </div>
          ))}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("log.title")}</CardTitle>
          <CardDescription>{t("log.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          {log.data?.length === 0 && <p className="text-sm text-muted-foreground">{t("log.empty")}</p>}
          {log.data && log.data.length > 0 && (
            <Table data-testid="webhook-deliveries">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("log.time")}</TableHead>
                  <TableHead>{t("log.event")}</TableHead>
                  <TableHead>{t("log.status")}</TableHead>
                  <TableHead>{t("log.attempts")}</TableHead>
                  <TableHead>{t("log.answer")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {log.data.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell className="text-sm">{format.dateTime(d.createdAt, { dateStyle: "short", timeStyle: "medium" })}</TableCell>
                    <TableCell>
                      <code className="font-mono text-xs">{d.event}</code>
                      <div className="max-w-64 truncate text-xs text-muted-foreground">{d.url}</div>
                    </TableCell>
                    <TableCell>
                      <Badge variant={d.status === "failed" ? "destructive" : d.status === "delivered" ? "default" : "secondary"}>{t(`log.statuses.${d.status}`)}</Badge>
                    </TableCell>
                    <TableCell>{d.attempts}</TableCell>
                    <TableCell className="text-xs">{d.lastStatusCode ?? d.lastError ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
