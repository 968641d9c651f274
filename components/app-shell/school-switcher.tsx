"use client";

import { Check, ChevronsUpDown, School } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { TMembershipRole } from "@/server/schemas/members";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export interface SchoolOption {
  id: string;
  oid: string;
  name: string;
  role: TMembershipRole;
}

export function SchoolSwitcher({ current, organisations }: { current: SchoolOption; organisations: SchoolOption[] }) {
  const t = useTranslations("nav");
  const tRole = useTranslations("roles");
  const router = useRouter();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="h-auto w-full justify-between gap-2 px-3 py-2 text-left" data-testid="school-switcher">
          <span className="flex min-w-0 items-center gap-2">
            <School className="size-4 shrink-0" aria-hidden />
            <span className="grid min-w-0">
              <span className="truncate text-sm font-medium">{current.name}</span>
              <span className="truncate text-xs text-muted-foreground">
                {current.oid} · {tRole(current.role)}
              </span>
            </span>
          </span>
          <ChevronsUpDown className="size-4 shrink-0 opacity-50" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>{t("schools")}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {organisations.map((org) => (
          <DropdownMenuItem key={org.id} onSelect={() => router.push(`/s/${org.id}/projects`)}>
            <span className="grid min-w-0 flex-1">
              <span className="truncate">{org.name}</span>
              <span className="text-xs text-muted-foreground">{org.oid}</span>
            </span>
            {org.id === current.id && <Check className="size-4" aria-hidden />}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
