"use client";
// TanStack Table returns fresh functions on every render, which React Compiler cannot memoise safely.
"use no memo";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  flexRender,
  getCoreRowModel,
  type ColumnDef,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import {
  AlertCircle,
  ArrowDown,
  ArrowUp,
  ArrowUpDown,
  ChevronLeft,
  ChevronRight,
  ChevronsLeft,
  ChevronsRight,
  Copy,
  Download,
  ExternalLink,
  Leaf,
  MoreHorizontal,
} from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { toast } from "sonner";
import { useFormatDate, useFormatMoney } from "@/components/format";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { MOBILITY_STATUSES, type TMobilityStatus } from "@/server/schemas/mobilities";
import {
  MOBILITY_PAGE_SIZES,
  mobilityListInput,
  mobilityListSearch,
  type TMobilitySortField,
} from "@/server/schemas/mobility-list";
import type { TMobilityListRow } from "@/server/services/mobility-list";
import { MobilityListFilters } from "./mobility-list-filters";
import { useMobilityListState } from "./use-mobility-list-state";
import { useMobilityTable } from "./use-mobility-table";

const STATUS_VARIANT = { draft: "outline", planned: "secondary", completed: "success", cancelled: "destructive" } as const;
const SORTABLE = new Set<string>(["participant", "activityType", "startDate", "destination", "status", "grantTotal"]);

interface Props {
  orgId: string;
  projectId: string;
  /** Coordinators select rows, change statuses in bulk and duplicate. */
  canManage?: boolean;
  /** Destination countries offered by the country filter. */
  countries?: readonly string[];
}

export function MobilityTable({ orgId, projectId, canManage = false, countries = [] }: Props) {
  const t = useTranslations("mobilityList");
  const tActivity = useTranslations("activities");
  const tStatus = useTranslations("mobilityStatus");
  const tErr = useTranslations("errors");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const formatMoney = useFormatMoney();
  const formatNumber = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: "region" }), [locale]);
  const { state, update, setFilters, refreshPage } = useMobilityListState();
  const input = mobilityListInput(orgId, projectId, state);
  const list = useQuery(trpc.mobilities.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const data = list.data;
  const rows = useMemo(() => data?.rows ?? [], [data]);

  // Only what is on screen can be selected: another page, sort or filter starts a new selection.
  const viewKey = JSON.stringify(input);
  const [selection, setSelection] = useState<{ view: string; rows: RowSelectionState }>({ view: viewKey, rows: {} });
  const rowSelection = selection.view === viewKey ? selection.rows : {};
  const setRowSelection = (updater: Updater<RowSelectionState>) =>
    setSelection({ view: viewKey, rows: typeof updater === "function" ? updater(rowSelection) : updater });
  const [capErrorView, setCapErrorView] = useState<string | null>(null);
  const capError = capErrorView === viewKey;

  // Past the last page (rows deleted meanwhile, or an old link): go to the last page there is.
  useEffect(() => {
    if (data && data.rows.length === 0 && data.total > 0 && state.page > data.pageCount) {
      update((current) => ({ ...current, page: Math.max(1, data.pageCount) }), { replace: true });
    }
  }, [data, state.page, update]);

  const fail = (error: { message: string }) => toast.error(tErr.has(error.message) ? tErr(error.message) : tErr("internal"));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.mobilities.pathKey() });
    refreshPage(); // the project's cards (participants used, counts) are server-rendered
  };
  const setStatus = useMutation(
    trpc.mobilities.setStatus.mutationOptions({
      onSuccess: async (result) => {
        setCapErrorView(null);
        setRowSelection({});
        toast.success(t("statusChanged", { count: result.updated }));
        await refresh();
      },
      onError: (error) => {
        if (error.message === "participantCapReached") setCapErrorView(viewKey);
        else fail(error);
      },
    }),
  );
  const duplicate = useMutation(
    trpc.mobilities.duplicate.mutationOptions({
      onSuccess: async () => {
        toast.success(t("duplicated"));
        await refresh();
      },
      onError: fail,
    }),
  );

  const sorting: SortingState = [{ id: state.sort.field, desc: state.sort.direction === "desc" }];

  const columns = useMemo<ColumnDef<TMobilityListRow>[]>(() => {
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
              {formatMoney(row.grantTotalCents)}
            </span>
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
  }, [canManage, duplicate, formatDate, formatMoney, orgId, projectId, regionNames, t, tActivity, tStatus]);

  const table = useMobilityTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableRowSelection: canManage,
    pageCount: data?.pageCount ?? -1,
    state: { sorting, rowSelection, pagination: { pageIndex: state.page - 1, pageSize: state.pageSize } },
    onRowSelectionChange: setRowSelection,
  });

  // The header turns the order round; another column starts ascending. Sorting is the server's.
  const toggleSort = (field: TMobilitySortField) =>
    update((current) => ({
      ...current,
      page: 1,
      sort: { field, direction: current.sort.field === field && current.sort.direction === "asc" ? "desc" : "asc" },
    }));

  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const total = data?.total ?? 0;
  const pageCount = Math.max(1, data?.pageCount ?? 1);
  const firstShown = total === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  const lastShown = Math.min(total, state.page * state.pageSize);
  const filtered = Object.values(input.filters).length > 0;
  const csvQuery = mobilityListSearch(state, { paging: false }).toString();
  const csvHref = `/api/s/${orgId}/projects/${projectId}/mobilities.csv${csvQuery ? `?${csvQuery}` : ""}`;
  const goTo = (page: number) => update((current) => ({ ...current, page }));

  return (
    <Card data-testid="mobility-list">
      <CardHeader className="flex flex-wrap items-center justify-between gap-2">
        <div className="grid gap-1">
          <CardTitle>{t("title")}</CardTitle>
          <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="mobility-count">
            {data ? t("count", { total }) : t("loading")}
          </p>
        </div>
        <Button asChild variant="outline" size="sm">
          <a href={csvHref} download data-testid="download-csv">
            <Download className="size-4" aria-hidden /> {t("downloadCsv")}
          </a>
        </Button>
      </CardHeader>
      <CardContent className="grid gap-4 p-0">
        <div className="px-6">
          <MobilityListFilters orgId={orgId} countries={countries} filters={state.filters} onChange={setFilters} />
        </div>

        {canManage && selectedIds.length > 0 && (
          <div className="mx-6 grid gap-2 rounded-md border bg-muted/50 p-3" data-testid="bulk-bar">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium">{t("selected", { count: selectedIds.length })}</span>
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button size="sm" disabled={setStatus.isPending} data-testid="bulk-status">
                    {t("setStatusTo")}
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent align="start">
                  <DropdownMenuLabel>{t("setStatusTo")}</DropdownMenuLabel>
                  <DropdownMenuSeparator />
                  {MOBILITY_STATUSES.map((status: TMobilityStatus) => (
                    <DropdownMenuItem key={status} onSelect={() => setStatus.mutate({ orgId, projectId, mobilityIds: selectedIds, status })}>
                      {tStatus(status)}
                    </DropdownMenuItem>
                  ))}
                </DropdownMenuContent>
              </DropdownMenu>
              <Button size="sm" variant="ghost" onClick={() => setRowSelection({})}>
                {t("clearSelection")}
              </Button>
            </div>
            {capError && (
              <Alert variant="destructive" data-testid="cap-error">
                <AlertCircle aria-hidden />
                <AlertDescription>{t("capRefused")}</AlertDescription>
              </Alert>
            )}
          </div>
        )}

        {data && rows.length === 0 ? (
          <div className="grid justify-items-center gap-3 px-6 py-10 text-center text-sm text-muted-foreground" data-testid="mobility-empty">
            {filtered ? (
              <>
                {t("emptyFiltered")}
                <Button variant="outline" size="sm" onClick={() => setFilters({ q: undefined, activityTypes: [], statuses: [], destinationCountry: undefined, dateFrom: undefined, dateTo: undefined, participantId: undefined })}>
                  {t("clearFilters")}
                </Button>
              </>
            ) : (
              t("empty")
            )}
          </div>
        ) : (
          <Table data-testid="mobility-table" aria-busy={list.isFetching} className={list.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
            <TableHeader>
              {table.getHeaderGroups().map((group) => (
                <TableRow key={group.id}>
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    const sortable = SORTABLE.has(header.column.id);
                    return (
                      <TableHead
                        key={header.id}
                        className={header.column.id === "select" ? "w-8 ps-6" : header.column.id === "actions" ? "w-10 pe-6" : undefined}
                        aria-sort={sortable ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                      >
                        {sortable ? (
                          <Button
                            variant="ghost"
                            size="sm"
                            className={header.column.id === "grantTotal" ? "-me-3 ms-auto flex" : "-ms-3"}
                            onClick={() => toggleSort(header.column.id as TMobilitySortField)}
                            data-testid={`sort-${header.column.id}`}
                            title={t("sortBy", { column: t(`sortFields.${header.column.id as TMobilitySortField}`) })}
                          >
                            {flexRender(header.column.columnDef.header, header.getContext())}
                            {sorted === "asc" ? (
                              <ArrowUp className="size-3.5" aria-label={t("sortedAsc")} />
                            ) : sorted === "desc" ? (
                              <ArrowDown className="size-3.5" aria-label={t("sortedDesc")} />
                            ) : (
                              <ArrowUpDown className="size-3.5 opacity-40" aria-hidden />
                            )}
                          </Button>
                        ) : (
                          flexRender(header.column.columnDef.header, header.getContext())
                        )}
                      </TableHead>
                    );
                  })}
                </TableRow>
              ))}
            </TableHeader>
            <TableBody>
              {!data ? (
                Array.from({ length: 5 }, (_, i) => (
                  <TableRow key={i}>
                    {columns.map((column) => (
                      <TableCell key={column.id} className="first:ps-6 last:pe-6">
                        <Skeleton className="h-5 w-full min-w-8" />
                      </TableCell>
                    ))}
                  </TableRow>
                ))
              ) : (
                table.getRowModel().rows.map((row) => (
                  <TableRow key={row.id} data-state={row.getIsSelected() ? "selected" : undefined} data-testid="mobility-row">
                    {row.getVisibleCells().map((cell) => (
                      <TableCell key={cell.id} className="first:ps-6 last:pe-6">
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </TableCell>
                    ))}
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        )}

        <div className="flex flex-wrap items-center justify-between gap-3 px-6 pb-6 text-sm">
          <div className="flex items-center gap-2">
            <span className="text-muted-foreground">{t("pageSize")}</span>
            <Select value={String(state.pageSize)} onValueChange={(value) => update((current) => ({ ...current, page: 1, pageSize: Number(value) }))}>
              <SelectTrigger size="sm" aria-label={t("pageSize")} data-testid="page-size">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {MOBILITY_PAGE_SIZES.map((size) => (
                  <SelectItem key={size} value={String(size)}>
                    {size}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="flex items-center gap-2">
            <span className={total === 0 ? "sr-only" : "whitespace-nowrap text-muted-foreground tabular-nums"} data-testid="page-range">
              {t("rangeOf", { from: formatNumber.format(firstShown), to: formatNumber.format(lastShown), total: formatNumber.format(total) })}
            </span>
            <Button variant="outline" size="icon" className="size-8" disabled={state.page <= 1} onClick={() => goTo(1)} aria-label={t("first")}>
              <ChevronsLeft className="size-4" />
            </Button>
            <Button variant="outline" size="icon" className="size-8" disabled={state.page <= 1} onClick={() => goTo(state.page - 1)} aria-label={t("previous")} data-testid="page-previous">
              <ChevronLeft className="size-4" />
            </Button>
            <span className="whitespace-nowrap tabular-nums" aria-live="polite">
              {t("pageOf", { page: formatNumber.format(state.page), pageCount: formatNumber.format(pageCount) })}
            </span>
            <Button variant="outline" size="icon" className="size-8" disabled={state.page >= pageCount} onClick={() => goTo(state.page + 1)} aria-label={t("next")} data-testid="page-next">
              <ChevronRight className="size-4" />
            </Button>
            <Button variant="outline" size="icon" className="size-8" disabled={state.page >= pageCount} onClick={() => goTo(pageCount)} aria-label={t("last")}>
              <ChevronsRight className="size-4" />
            </Button>
          </div>
        </div>
      </CardContent>
    </Card>
  );
}
