"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";
import { useAuditWords } from "./use-audit-words";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

const ALL = "__all";
const PAGE_SIZE = 25;

interface TFilters {
  actorUserId: string;
  entityType: string;
  projectId: string;
  from: string;
  to: string;
}

/** The audit trail of a school, or of one project (`projectId` fixed): filters, server-side pages, CSV. */
export function AuditTrailView({ orgId, projectId, projects }: { orgId: string; projectId?: string; projects?: { id: string; title: string }[] }) {
  const t = useTranslations("audit");
  const format = useFormatter();
  const trpc = useTRPC();
  const [filters, setFilters] = useState<TFilters>({ actorUserId: "", entityType: "", projectId: projectId ?? "", from: "", to: "" });
  const [page, setPage] = useState(1);
  const set = (key: keyof TFilters, value: string) => {
    setFilters((current) => ({ ...current, [key]: value === ALL ? "" : value }));
    setPage(1);
  };
  const options = useQuery(trpc.audit.filterOptions.queryOptions({ orgId }));
  const invalidRange = filters.from !== "" && filters.to !== "" && filters.to < filters.from;
  const list = useQuery({
    ...trpc.audit.list.queryOptions({ orgId, ...filters, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    enabled: !invalidRange,
  });
  const entityLabel = (type: string) => (t.has(`entityTypes.${type}`) ? t(`entityTypes.${type}`) : type);
  const csvHref = `/api/s/${orgId}/audit-csv?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""))}`;
  const total = list.data?.total ?? 0;
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(page * PAGE_SIZE, total);

  return (
    <div className="grid gap-4">
      <Card>
        <CardContent className="grid grid-cols-[minmax(0,1fr)] gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <div className="grid gap-2">
            <Label htmlFor="audit-person">{t("filters.person")}</Label>
            <Select value={filters.actorUserId || ALL} onValueChange={(v) => set("actorUserId", v)}>
              <SelectTrigger id="audit-person" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>{t("filters.anyone")}</SelectItem>
                {options.data?.people.map((p) => (
                  <SelectItem key={p.id} value={p.id}>
                    {p.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="audit-entity">{t("filters.entityType")}</Label>
            <Select value={filters.entityType || ALL} onValueChange={(v) => set("entityType", v)}>
              <SelectTrigger id="audit-entity" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>{t("filters.anything")}</SelectItem>
                {options.data?.entityTypes.map((type) => (
                  <SelectItem key={type} value={type}>
                    {entityLabel(type)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          {projects && (
            <div className="grid gap-2">
              <Label htmlFor="audit-project">{t("filters.project")}</Label>
              <Select value={filters.projectId || ALL} onValueChange={(v) => set("projectId", v)}>
                <SelectTrigger id="audit-project" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={ALL}>{t("filters.allProjects")}</SelectItem>
                  {projects.map((p) => (
                    <SelectItem key={p.id} value={p.id}>
                      {p.title}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          )}
          <div className="grid gap-2">
            <Label htmlFor="audit-from">{t("filters.from")}</Label>
            <Input id="audit-from" type="date" value={filters.from} onChange={(e) => set("from", e.target.value)} />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="audit-to">{t("filters.to")}</Label>
            <Input id="audit-to" type="date" value={filters.to} aria-invalid={invalidRange} onChange={(e) => set("to", e.target.value)} />
          </div>
        </CardContent>
      </Card>

      <div className="flex flex-wrap items-center gap-2">
        <Button variant="outline" size="sm" onClick={() => { setFilters({ actorUserId: "", entityType: "", projectId: projectId ?? "", from: "", to: "" }); setPage(1); }}>
          {t("filters.reset")}
        </Button>
        <Button variant="outline" size="sm" asChild className="ml-auto">
          <a href={csvHref} download data-testid="audit-csv">
            <Download className="size-4" aria-hidden />
            {t("download")}
          </a>
        </Button>
      </div>

      <Card>
        <CardContent className="p-0">
          {!list.data ? (
            <div className="grid gap-2 p-4">
              <Skeleton className="h-6" />
              <Skeleton className="h-6" />
            </div>
          ) : list.data.entries.length === 0 ? (
            <p className="p-6 text-sm text-muted-foreground">{t("empty")}</p>
          ) : (
            <Table data-testid="audit-table">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("columns.when")}</TableHead>
                  <TableHead className="hidden md:table-cell">{t("columns.who")}</TableHead>
                  <TableHead>{t("columns.what")}</TableHead>
                  <TableHead className="hidden md:table-cell">{t("columns.changes")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.entries.map((entry) => (
                  <TableRow key={entry.id} className="align-top">
                    <TableCell className="text-xs">
                      <div className="whitespace-nowrap">{format.dateTime(entry.createdAt, { dateStyle: "medium", timeStyle: "short" })}</div>
                      <div className="mt-1 text-sm md:hidden">{entry.actorName ?? (entry.actorApiKeyName ? t("apiKey", { name: entry.actorApiKeyName }) : t("system"))}</div>
                    </TableCell>
                    <TableCell className="hidden text-sm md:table-cell">{entry.actorName ?? (entry.actorApiKeyName ? t("apiKey", { name: entry.actorApiKeyName }) : t("system"))}</TableCell>
                    <TableCell className="text-sm whitespace-normal">
                      <Badge variant="outline">{entityLabel(entry.entityType)}</Badge>
                      <div className="mt-1" data-testid="audit-sentence">
                        <Sentence orgId={orgId} entry={entry} entityLabel={entityLabel} />
                      </div>
                      <ChangeList className="mt-2 md:hidden" changes={entry.changes} created={entry.kind === "create"} />
                    </TableCell>
                    <TableCell className="hidden whitespace-normal md:table-cell">
                      <ChangeList changes={entry.changes} created={entry.kind === "create"} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="text-muted-foreground" data-testid="audit-pager">
          {t("pager.summary", { from: first, to: last, total })}
        </span>
        <div className="flex gap-2">
          <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t("pager.previous")}
          </Button>
          <Button variant="outline" size="sm" disabled={last >= total} onClick={() => setPage((p) => p + 1)}>
            {t("pager.next")}
          </Button>
        </div>
      </div>
    </div>
  );
}

type TEntry = RouterOutputs["audit"]["list"]["entries"][number];

/**
 * What happened, as a sentence in the user's language ("Changed the mobility of Ana Novak"), the
 * subject linked to its page when it still exists. An action the trail has no sentence for says
 * "<entity> created/changed/deleted".
 */
function Sentence({ orgId, entry, entityLabel }: { orgId: string; entry: TEntry; entityLabel: (type: string) => string }) {
  const t = useTranslations("audit");
  const name = entry.subject.name ?? t("unnamed");
  const subject = (chunks: ReactNode) =>
    entry.subject.path ? (
      <Link href={`/s/${orgId}${entry.subject.path}`} className="font-medium underline decoration-muted-foreground/50 underline-offset-4 hover:decoration-foreground">
        {chunks}
      </Link>
    ) : (
      <span className="font-medium">{chunks}</span>
    );
  if (t.has(`actions.${entry.action}`)) return <>{t.rich(`actions.${entry.action}`, { name, subject })}</>;
  return (
    <>
      {entityLabel(entry.entityType)} {subject(name)} <span className="text-muted-foreground">{t(`kind.${entry.kind}`)}</span>
    </>
  );
}

function ChangeList({
  changes,
  created,
  className,
}: {
  changes: { field: string; before: unknown; after: unknown }[];
  created: boolean;
  className?: string;
}) {
  const t = useTranslations("audit");
  const words = useAuditWords();
  if (changes.length === 0) return <span className={`text-xs text-muted-foreground ${className ?? ""}`}>{t("noChanges")}</span>;
  return (
    <dl className={`grid gap-1 text-xs ${className ?? ""}`}>
      {changes.slice(0, 12).map((c) => (
        <div key={c.field} className="grid grid-cols-[minmax(0,9rem)_minmax(0,1fr)] gap-2">
          <dt className="font-medium">{words.label(c.field)}</dt>
          <dd className="min-w-0 break-words">
            {!created && (
              <>
                <span className="text-muted-foreground line-through">{words.value(c.field, c.before)}</span>
                {" → "}
              </>
            )}
            <span>{words.value(c.field, c.after)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
