"use client";
// TanStack Table returns fresh functions on every render, which React Compiler cannot memoise safely.
"use no memo";

import { flexRender, type Table as TTable } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TMobilitySortField } from "@/server/schemas/mobility-list";
import type { RouterOutputs } from "@/components/trpc/types";

type TMobilityListRow = RouterOutputs["mobilities"]["list"]["rows"][number];

const SORTABLE = new Set<string>(["participant", "activityType", "startDate", "destination", "status", "grantTotal"]);

interface Props {
  table: TTable<TMobilityListRow>;
  /** No page has arrived yet: skeleton rows. */
  loading: boolean;
  /** A new page is on its way (the old one is shown dimmed meanwhile). */
  fetching: boolean;
  stale: boolean;
  onSort: (field: TMobilitySortField) => void;
}

/** The mobility list's table: sortable headers (sorting is the server's) and the rows. */
export function MobilityGrid({ table, loading, fetching, stale, onSort }: Props) {
  const t = useTranslations("mobilityList");
  const columns = table.getAllLeafColumns();
  return (
    <Table data-testid="mobility-table" aria-busy={fetching} className={stale ? "opacity-60 transition-opacity" : undefined}>
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
                      onClick={() => onSort(header.column.id as TMobilitySortField)}
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
        {loading
          ? Array.from({ length: 5 }, (_, i) => (
              <TableRow key={i}>
                {columns.map((column) => (
                  <TableCell key={column.id} className="first:ps-6 last:pe-6">
                    <Skeleton className="h-5 w-full min-w-8" />
                  </TableCell>
                ))}
              </TableRow>
            ))
          : table.getRowModel().rows.map((row) => (
              <TableRow key={row.id} data-state={row.getIsSelected() ? "selected" : undefined} data-testid="mobility-row">
                {row.getVisibleCells().map((cell) => (
                  <TableCell key={cell.id} className="first:ps-6 last:pe-6">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </TableCell>
                ))}
              </TableRow>
            ))}
      </TableBody>
    </Table>
  );
}
