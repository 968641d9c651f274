"use client";

import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { MOBILITY_PAGE_SIZES } from "@/server/schemas/mobility-list";

interface Props {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}

/** Page size, the range shown and the page buttons under the mobility list. */
export function MobilityPagination({ page, pageSize, pageCount, total, onPage, onPageSize }: Props) {
  const t = useTranslations("mobilityList");
  const locale = useLocale();
  const formatNumber = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const firstShown = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const lastShown = Math.min(total, page * pageSize);
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 px-6 pb-6 text-sm">
      <div className="flex items-center gap-2">
        <span className="text-muted-foreground">{t("pageSize")}</span>
        <Select value={String(pageSize)} onValueChange={(value) => onPageSize(Number(value))}>
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
        <Button variant="outline" size="icon" className="size-8" disabled={page <= 1} onClick={() => onPage(1)} aria-label={t("first")}>
          <ChevronsLeft className="size-4" />
        </Button>
        <Button variant="outline" size="icon" className="size-8" disabled={page <= 1} onClick={() => onPage(page - 1)} aria-label={t("previous")} data-testid="page-previous">
          <ChevronLeft className="size-4" />
        </Button>
        <span className="whitespace-nowrap tabular-nums" aria-live="polite">
          {t("pageOf", { page: formatNumber.format(page), pageCount: formatNumber.format(pageCount) })}
        </span>
        <Button variant="outline" size="icon" className="size-8" disabled={page >= pageCount} onClick={() => onPage(page + 1)} aria-label={t("next")} data-testid="page-next">
          <ChevronRight className="size-4" />
        </Button>
        <Button variant="outline" size="icon" className="size-8" disabled={page >= pageCount} onClick={() => onPage(pageCount)} aria-label={t("last")}>
          <ChevronsRight className="size-4" />
        </Button>
      </div>
    </div>
  );
}
