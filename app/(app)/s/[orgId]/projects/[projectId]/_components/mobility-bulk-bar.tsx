"use client";

import { AlertCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { MOBILITY_STATUSES, type TMobilityStatus } from "@/server/schemas/mobilities";

interface Props {
  selectedCount: number;
  pending: boolean;
  /** The last bulk change was refused: it would exceed the participant cap. */
  capError: boolean;
  onSetStatus: (status: TMobilityStatus) => void;
  onClear: () => void;
}

/** What a coordinator can do with the selected rows: set their status, or let go of them. */
export function MobilityBulkBar({ selectedCount, pending, capError, onSetStatus, onClear }: Props) {
  const t = useTranslations("mobilityList");
  const tStatus = useTranslations("mobilityStatus");
  return (
    <div className="mx-6 grid gap-2 rounded-md border bg-muted/50 p-3" data-testid="bulk-bar">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium">{t("selected", { count: selectedCount })}</span>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button size="sm" disabled={pending} data-testid="bulk-status">
              {t("setStatusTo")}
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            <DropdownMenuLabel>{t("setStatusTo")}</DropdownMenuLabel>
            <DropdownMenuSeparator />
            {MOBILITY_STATUSES.map((status: TMobilityStatus) => (
              <DropdownMenuItem key={status} onSelect={() => onSetStatus(status)}>
                {tStatus(status)}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
        <Button size="sm" variant="ghost" onClick={onClear}>
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
  );
}
