"use client";
// TanStack Table returns fresh functions on every render, which React Compiler cannot memoise safely.
"use no memo";

import type { ColumnDef } from "@tanstack/react-table";
import { Copy, ExternalLink, Leaf, MoreHorizontal } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { useFormatDate, useFormatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { RouterOutputs } from "@/components/trpc/types";

type TMobilityListRow = RouterOutputs["mobilities"]["list"]["rows"][number];

const STATUS_VARIANT = { draft: "outline", planned: "secondary", completed: "success", cancelled: "destructive" } as const;

interface Options {
  orgId: string;
  projectId: string;
  /** Coordinators get the selection column and "duplicate". */
  canManage: boolean;
  duplicate: { isPending: boolean; mutate: (input: { orgId: string; mobilityId: string }) => void };
}

/** The mobility list's columns: what each cell shows of a row. */
export function useMobilityColumns({ orgId, projectId, canManage, duplicate }: Options): ColumnDef<TMobilityListRow>[] {
  const t = useTranslations("mobilityList");
  const tActivity = useTranslations("activities");
  const tStatus = useTranslations("mobilityStatus");
  const tCat = useTranslations("budgetCategories");
  const locale = useLocale();
  const formatDate = useFormatDate();
  const formatMoney = useFormatMoney();
  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: "region" }), [locale]);

  return useMemo<ColumnDef<TMobilityListRow>[]>(() => {
    const participantName = (row: TMobilityListRow) =>
      row.participant ? `${row.participant.firstName} ${row.participant.lastName}` : t("noParticipant");
    const href = (row: TMobilityListRow) => `/s/${orgId}/projects/${projectId}/mobilities/${row.id}`;
    const all: ColumnDef<TMobilityListRow>[] = [
      {
        id: "select",
        enableSorting: false,
        header: ({ table }) => (
          <Checkbox
            checked={table.getIsAllPageRowsSelected() ? true : table.getIsSomePageRowsSelected() ? "indeterminate" : false}
            onCheckedChange={(on) => table.toggleAllPageRowsSelected(on === true)}
            aria-label={t("selectAll")}
            data-testid="select-all"
          />
        ),
        cell: ({ row }) => (
          <Checkbox
            checked={row.getIsSelected()}
            onCheckedChange={(on) => row.toggleSelected(on === true)}
            aria-label={`${t("selectRow")}: ${participantName(row.original)}`}
            data-testid="select-row"
          />
        ),
      },
      {
        id: "participant",
        header: t("columns.participant"),
        cell: ({ row: { original: row } }) => (
          <span className="grid">
            <Link href={href(row)} className="font-medium hover:underline" data-testid="participant-link">
              {participantName(row)}
            </Link>
            {row.activityType === "LM-GRP-PUPIL" && (
              <span className="text-xs text-muted-foreground">
                {t("lead")} · {t("pupils", { count: row.pupilCount })}
                {row.otherAccompanyingCount > 0 && ` · ${t("plusAccompanying", { count: row.otherAccompanyingCount })}`}
              </span>
            )}
          </span>
        ),
      },
      {
        id: "activityType",
        header: t("columns.activity"),
        cell: ({ row: { original: row } }) => (
          <span className="grid max-w-56 min-w-36 whitespace-normal">
            <span>{tActivity(row.activityType)}</span>
            <span className="font-mono text-xs text-muted-foreground">{row.activityType}</span>
          </span>
        ),
      },
      {
        id: "startDate",
        header: t("columns.startDate"),
        cell: ({ row: { original: row } }) => (
          <span className="text-sm">
            {formatDate(row.startDate)} – {formatDate(row.endDate)}
          </span>
        ),
      },
      {
        id: "destination",
        header: t("columns.destination"),
        cell: ({ row: { original: row } }) => (
          <span className="grid text-sm">
            <span className="flex items-center gap-1">
              {row.destination.town}, {regionNames.of(row.destination.country) ?? row.destination.country}
              {row.greenTravel && <Leaf className="size-3.5 text-success" aria-label={t("greenTravel")} role="img" />}
            </span>
            <span className="max-w-56 truncate text-xs text-muted-foreground" title={row.destination.receivingOrganisation}>
              {row.destination.receivingOrganisation}
            </span>
          </span>
        ),
      },
      {
        id: "status",
        header: t("columns.status"),
        cell: ({ row: { original: row } }) => (
          <Badge variant={STATUS_VARIANT[row.status]} data-testid="status-badge">
            {tStatus(row.status)}
          </Badge>
        ),
      },
      {
        id: "grantTotal",
        header: () => <span className="block text-end">{t("columns.grantTotal")}</span>,
        cell: ({ row: { original: row } }) => (
          <span className="grid justify-items-end gap-0.5">
            <span className="font-medium tabular-nums" data-testid="grant-total">
              {row.grantEligible && row.grantUnknownLines.length > 0 ? t("atLeast", { amount: formatMoney(row.grantTotalCents) }) : formatMoney(row.grantTotalCents)}
            </span>
            {row.grantEligible && row.grantUnknownLines.length > 0 && (
              <span className="text-xs text-amber-700 dark:text-amber-400" data-testid="grant-unknown">
                {t("rateMissingFor", { lines: row.grantUnknownLines.map((line) => tCat(line)).join(", ") })}
              </span>
            )}
            <span className="flex items-center gap-1">
              <Badge variant={row.grantEligible ? "success" : "warning"}>{row.grantEligible ? t("eligible") : t("notEligible")}</Badge>
            </span>
            {(row.errorCount > 0 || row.warningCount > 0) && (
              <span className="text-xs text-muted-foreground">
                {[row.errorCount > 0 ? t("errors", { count: row.errorCount }) : null, row.warningCount > 0 ? t("warnings", { count: row.warningCount }) : null]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
            )}
          </span>
        ),
      },
      {
        id: "actions",
        enableSorting: false,
        header: () => <span className="sr-only">{t("columns.actions")}</span>,
        cell: ({ row: { original: row } }) => (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon" aria-label={`${t("rowActions")}: ${participantName(row)}`} data-testid="row-menu">
                <MoreHorizontal className="size-4" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuItem asChild>
                <Link href={href(row)}>
                  <ExternalLink className="size-4" aria-hidden /> {t("open")}
                </Link>
              </DropdownMenuItem>
              {canManage && (
                <DropdownMenuItem disabled={duplicate.isPending} onSelect={() => duplicate.mutate({ orgId, mobilityId: row.id })}>
                  <Copy className="size-4" aria-hidden /> {t("duplicate")}
                </DropdownMenuItem>
              )}
            </DropdownMenuContent>
          </DropdownMenu>
        ),
      },
    ];
    return canManage ? all : all.filter((column) => column.id !== "select");
  }, [canManage, duplicate, formatDate, formatMoney, orgId, projectId, regionNames, t, tActivity, tCat, tStatus]);
}
