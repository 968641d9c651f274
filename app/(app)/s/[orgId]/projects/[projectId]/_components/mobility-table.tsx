"use client";
// TanStack Table returns fresh functions on every render, which React Compiler cannot memoise safely.
"use no memo";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getCoreRowModel, type RowSelectionState, type SortingState, type Updater } from "@tanstack/react-table";
import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { mobilityListInput, mobilityListSearch, type TMobilitySortField } from "@/server/schemas/mobility-list";
import { MobilityBulkBar } from "./mobility-bulk-bar";
import { useMobilityColumns } from "./mobility-columns";
import { MobilityGrid } from "./mobility-grid";
import { MobilityListFilters } from "./mobility-list-filters";
import { MobilityPagination } from "./mobility-pagination";
import { useMobilityListState } from "./use-mobility-list-state";
import { useMobilityTable } from "./use-mobility-table";

interface Props {
  orgId: string;
  projectId: string;
  /** Coordinators select rows, change statuses in bulk and duplicate. */
  canManage?: boolean;
  /** Destination countries offered by the country filter. */
  countries?: readonly string[];
}

/**
 * A project's mobilities: the list state lives in the URL (useMobilityListState), the page comes from
 * `mobilities.list`; this component wires the filters, the bulk bar, the table and the pagination.
 */
export function MobilityTable({ orgId, projectId, canManage = false, countries = [] }: Props) {
  const t = useTranslations("mobilityList");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
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
  const columns = useMobilityColumns({ orgId, projectId, canManage, duplicate });
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
  const filtered = Object.values(input.filters).length > 0;
  const csvQuery = mobilityListSearch(state, { paging: false }).toString();
  const csvHref = `/api/s/${orgId}/projects/${projectId}/mobilities.csv${csvQuery ? `?${csvQuery}` : ""}`;

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
          <MobilityBulkBar
            selectedCount={selectedIds.length}
            pending={setStatus.isPending}
            capError={capError}
            onSetStatus={(status) => setStatus.mutate({ orgId, projectId, mobilityIds: selectedIds, status })}
            onClear={() => setRowSelection({})}
          />
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
          <MobilityGrid table={table} loading={!data} fetching={list.isFetching} stale={list.isPlaceholderData} onSort={toggleSort} />
        )}

        <MobilityPagination
          page={state.page}
          pageSize={state.pageSize}
          pageCount={Math.max(1, data?.pageCount ?? 1)}
          total={total}
          onPage={(page) => update((current) => ({ ...current, page }))}
          onPageSize={(pageSize) => update((current) => ({ ...current, page: 1, pageSize }))}
        />
      </CardContent>
    </Card>
  );
}
