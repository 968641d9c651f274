"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { EvidenceItem } from "./evidence-item";
import { MAX_MB } from "./upload";

/**
 * The evidence checklist of one mobility: which supporting documents it needs, done toggles, notes,
 * upload (drag and drop or file picker) and download. `canEdit` is what the page knows of the role;
 * the server's own answer (`canEdit` in the list) narrows it further.
 */
export function EvidenceChecklist({ orgId, mobilityId, canEdit }: { orgId: string; mobilityId: string; canEdit: boolean }) {
  const t = useTranslations("evidence");
  const tErrors = useTranslations("errors");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listOptions = trpc.evidence.list.queryOptions({ orgId, mobilityId });
  const { data, isPending, isError, refetch } = useQuery(listOptions);
  const refresh = () => queryClient.invalidateQueries({ queryKey: listOptions.queryKey });

  const translateError = (key: string) => {
    if (t.has(`errors.${key}`)) return t(`errors.${key}`, { maxMb: MAX_MB });
    if (tErrors.has(key)) return tErrors(key);
    return tErrors("internal");
  };
  const reportError = (key: string) => {
    if (key === "staleVersion") {
      toast.error(tErrors("staleVersion"), { action: { label: t("reload"), onClick: () => void refresh() } });
    } else {
      toast.error(translateError(key));
    }
  };

  if (isPending) {
    return (
      <Card data-testid="evidence-checklist" aria-busy="true">
        <CardHeader>
          <CardTitle>{t("title")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
        </CardContent>
      </Card>
    );
  }
  if (isError) {
    return (
      <Card data-testid="evidence-checklist">
        <CardHeader>
          <CardTitle>{t("title")}</CardTitle>
          <CardDescription role="alert">{t("loadError")}</CardDescription>
          <CardAction>
            <Button variant="outline" size="sm" onClick={() => void refetch()}>
              {t("retry")}
            </Button>
          </CardAction>
        </CardHeader>
      </Card>
    );
  }

  const editable = canEdit && data.canEdit;
  const required = data.items.filter((item) => item.required);
  const doneCount = required.filter((item) => item.done).length;

  return (
    <Card data-testid="evidence-checklist">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description", { maxMb: MAX_MB })}</CardDescription>
        <CardAction>
          {data.missingRequired === 0 ? (
            <Badge variant="success" data-testid="evidence-summary">
              {t("complete")}
            </Badge>
          ) : (
            <Badge variant="outline" data-testid="evidence-summary" title={t("missing", { count: data.missingRequired })}>
              {t("summary", { done: doneCount, total: required.length })}
            </Badge>
          )}
        </CardAction>
      </CardHeader>
      <CardContent>
        <ul className="divide-y">
          {data.items.map((item) => (
            <EvidenceItem
              key={item.kind}
              orgId={orgId}
              mobilityId={mobilityId}
              item={item}
              editable={editable}
              onChanged={refresh}
              reportError={reportError}
              translateError={translateError}
            />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
