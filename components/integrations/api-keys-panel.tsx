"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, KeyRound } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { NA_API_SCOPES, SCHOOL_API_SCOPES, type TApiScope } from "@/server/schemas/api-keys";

/*
 * The API keys of a school (its admin and coordinator) or of a national agency (its officers): create a
 * key with a name and scopes, see its token ONCE, revoke it. The procedures decide who may; this only
 * follows them.
 */

export type TKeyOwner = { kind: "school"; orgId: string; specialCategory: boolean } | { kind: "na"; naCode: string };
type TKey = RouterOutputs["apiKeys"]["list"][number];

interface TServerError {
  message?: string;
  data?: { fieldErrors?: Record<string, string[]> } | null;
}

export function ApiKeysPanel({ owner }: { owner: TKeyOwner }) {
  const t = useTranslations("integrations.keys");
  const tScope = useTranslations("integrations.scopes");
  const tErr = useTranslations("errors");
  const tVal = useTranslations("validation");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();

  const listOptions =
    owner.kind === "school" ? trpc.apiKeys.list.queryOptions({ orgId: owner.orgId }) : trpc.apiKeys.naList.queryOptions({ naCode: owner.naCode });
  const keys = useQuery(listOptions);
  const refresh = () => queryClient.invalidateQueries({ queryKey: listOptions.queryKey });

  const available: readonly TApiScope[] =
    owner.kind === "school" ? SCHOOL_API_SCOPES.filter((s) => s !== "read:special-category" || owner.specialCategory) : NA_API_SCOPES;
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TApiScope[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);

  const onError = (error: unknown) => {
    const { message, data } = (error ?? {}) as TServerError;
    const fields: Record<string, string> = {};
    for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) if (messages[0]) fields[field.split(".")[0] ?? field] = messages[0];
    setErrors(fields);
    if (Object.keys(fields).length === 0) toast.error(message && tErr.has(message) ? tErr(message) : tErr("internal"));
  };
  const onCreated = async (created: { key: TKey; token: string }) => {
    setShown({ name: created.key.name, token: created.token });
    setName("");
    setScopes([]);
    setErrors({});
    await refresh();
  };
  const createSchool = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: onCreated, onError }));
  const createNa = useMutation(trpc.apiKeys.naCreate.mutationOptions({ onSuccess: onCreated, onError }));
  const onRevoked = async (key: TKey) => {
    toast.success(t("revoked", { name: key.name }));
    await refresh();
  };
  const revokeSchool = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: onRevoked, onError }));
  const revokeNa = useMutation(trpc.apiKeys.naRevoke.mutationOptions({ onSuccess: onRevoked, onError }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setShown(null);
    if (owner.kind === "school") createSchool.mutate({ orgId: owner.orgId, name, scopes: scopes as typeof SCHOOL_API_SCOPES[number][] });
    else createNa.mutate({ naCode: owner.naCode, name, scopes: scopes as typeof NA_API_SCOPES[number][] });
  };
  const revoke = (key: TKey) =>
    owner.kind === "school" ? revokeSchool.mutate({ orgId: owner.orgId, apiKeyId: key.id }) : revokeNa.mutate({ apiKeyId: key.id });
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
              <Label htmlFor={nameId}>{t("create.name")}</Label>
              <Input id={nameId} value={name} onChange={(e) => setName(e.target.value)} placeholder={t("create.namePlaceholder")} maxLength={80} aria-invalid={Boolean(errors.name)} />
              {fieldError("name") && <p className="text-sm text-destructive">{fieldError("name")}</p>}
            </div>
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">{t("create.scopes")}</legend>
              {available.map((scope) => (
                <label key={scope} className="flex items-start gap-3 rounded-md border p-3 text-sm">
                  <Checkbox
                    checked={scopes.includes(scope)}
                    onCheckedChange={(checked) => setScopes((current) => (checked === true ? [...current, scope] : current.filter((s) => s !== scope)))}
                    aria-label={scope}
                    className="mt-0.5"
                  />
                  <span className="grid gap-0.5">
                    <code className="font-mono text-xs">{scope}</code>
                    <span className="text-muted-foreground">{tScope(scope)}</span>
                  </span>
                </label>
              ))}
              {fieldError("scopes") && <p className="text-sm text-destructive">{fieldError("scopes")}</p>}
            </fieldset>
          </CardContent>
          <CardFooter className="pt-4">
            <Button type="submit" disabled={createSchool.isPending || createNa.isPending}>
              <KeyRound className="size-4" aria-hidden />
              {t("create.submit")}
            </Button>
          </CardFooter>
        </form>
      </Card>

      {shown && (
        <Alert data-testid="new-api-key">
          <KeyRound className="size-4" aria-hidden />
          <AlertTitle>{t("shown.title", { name: shown.name })}</AlertTitle>
          <AlertDescription className="grid gap-2">
            <p>{t("shown.once")}</p>
            <div className="flex min-w-0 items-center gap-2">
              <code className="min-w-0 flex-1 break-all rounded bg-muted px-2 py-1 font-mono text-xs" data-testid="new-api-key-token">
                {shown.token}
              </code>
              <Button
                type="button"
                variant="outline"
                size="sm"
                onClick={() => void navigator.clipboard?.writeText(shown.token).then(() => toast.success(t("shown.copied")))}
              >
                <Copy className="size-4" aria-hidden />
                {t("shown.copy")}
              </Button>
            </div>
            <Button type="button" variant="ghost" size="sm" className="justify-self-start" onClick={() => setShown(null)}>
              {t("shown.done")}
            </Button>
          </AlertDescription>
        </Alert>
      )}

      <Card>
        <CardHeader>
          <CardTitle>{t("list.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          {keys.data && keys.data.length === 0 && <p className="text-sm text-muted-foreground">{t("list.empty")}</p>}
          {keys.data && keys.data.length > 0 && (
            <Table data-testid="api-key-list">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("list.name")}</TableHead>
                  <TableHead>{t("list.scopes")}</TableHead>
                  <TableHead>{t("list.lastUsed")}</TableHead>
                  <TableHead>{t("list.status")}</TableHead>
                  <TableHead className="sr-only">{t("list.actions")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {keys.data.map((key) => (
                  <TableRow key={key.id} data-testid={`api-key-${key.name}`}>
                    <TableCell>
                      <div className="font-medium">{key.name}</div>
                      <div className="font-mono text-xs text-muted-foreground">mob_{key.prefix}_…</div>
                      <div className="text-xs text-muted-foreground">
                        {t("list.created", { date: format.dateTime(key.createdAt, { dateStyle: "medium" }), name: key.createdByName ?? "—" })}
                      </div>
                    </TableCell>
                    <TableCell>
                      <div className="flex flex-wrap gap-1">
                        {key.scopes.map((scope) => (
                          <Badge key={scope} variant="outline" className="font-mono text-[11px]">
                            {scope}
                          </Badge>
                        ))}
                      </div>
                    </TableCell>
                    <TableCell className="text-sm">
                      {key.lastUsedAt ? format.dateTime(key.lastUsedAt, { dateStyle: "medium", timeStyle: "short" }) : t("list.never")}
                    </TableCell>
                    <TableCell>
                      {key.revokedAt ? (
                        <Badge variant="secondary">{t("list.revokedOn", { date: format.dateTime(key.revokedAt, { dateStyle: "medium" }) })}</Badge>
                      ) : (
                        <Badge>{t("list.active")}</Badge>
                      )}
                    </TableCell>
                    <TableCell className="text-right">
                      {!key.revokedAt && (
                        <AlertDialog>
                          <AlertDialogTrigger asChild>
                            <Button variant="ghost" size="sm">
                              {t("list.revoke")}
                            </Button>
                          </AlertDialogTrigger>
                          <AlertDialogContent>
                            <AlertDialogHeader>
                              <AlertDialogTitle>{t("revokeDialog.title", { name: key.name })}</AlertDialogTitle>
                              <AlertDialogDescription>{t("revokeDialog.text")}</AlertDialogDescription>
                            </AlertDialogHeader>
                            <AlertDialogFooter>
                              <AlertDialogCancel>{t("revokeDialog.cancel")}</AlertDialogCancel>
                              <AlertDialogAction onClick={() => revoke(key)}>{t("revokeDialog.confirm")}</AlertDialogAction>
                            </AlertDialogFooter>
                          </AlertDialogContent>
                        </AlertDialog>
                      )}
                    </TableCell>
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
