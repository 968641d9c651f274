"use client";

import { FileWarning, LayoutList, LogOut, Menu, MonitorOff, Table2 } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Sheet, SheetContent, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { cn } from "@/lib/utils";
import { logoutAction, logoutEverywhereAction } from "@/server/actions";

/** The officer's console: its own shell (no school switcher), the language switcher and sign-out. */
function NaNav({ onNavigate }: { onNavigate?: () => void }) {
  const t = useTranslations("na.shell.nav");
  const tNav = useTranslations("nav");
  const pathname = usePathname();
  const items = [
    { href: "/na", label: t("portfolio"), icon: LayoutList, active: pathname === "/na" || pathname.startsWith("/na/projects") },
    { href: "/na/findings", label: t("findings"), icon: FileWarning, active: pathname.startsWith("/na/findings") },
    { href: "/na/rates", label: t("rates"), icon: Table2, active: pathname.startsWith("/na/rates") },
  ];
  return (
    <nav className="grid gap-1" aria-label={tNav("label")}>
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          onClick={onNavigate}
          aria-current={item.active ? "page" : undefined}
          className={cn(
            "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors hover:bg-accent hover:text-accent-foreground",
            item.active ? "bg-accent text-accent-foreground" : "text-muted-foreground",
          )}
        >
          <item.icon className="size-4" aria-hidden />
          {item.label}
        </Link>
      ))}
    </nav>
  );
}

function OfficerMenu({ user, role }: { user: { name: string; email: string }; role: string }) {
  const t = useTranslations("nav");
  const initials = user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("");
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="rounded-full" aria-label={t("account")} data-testid="user-menu">
          <Avatar className="size-8">
            <AvatarFallback>{initials}</AvatarFallback>
          </Avatar>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DropdownMenuLabel className="grid">
          <span className="truncate">{user.name}</span>
          <span className="truncate text-xs font-normal text-muted-foreground">{user.email}</span>
          <span className="text-xs font-normal text-muted-foreground">{role}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void logoutAction()}>
          <LogOut className="size-4" aria-hidden />
          {t("logout")}
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void logoutEverywhereAction()} data-testid="logout-everywhere">
          <MonitorOff className="size-4" aria-hidden />
          {t("logoutEverywhere")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

export function NaShell({ user, naCodes, children }: { user: { name: string; email: string }; naCodes: string[]; children: React.ReactNode }) {
  const t = useTranslations("na.shell");
  const tNav = useTranslations("nav");
  const [open, setOpen] = useState(false);
  const agency = t("agencies", { codes: naCodes.join(", ") });
  return (
    <div className="grid min-h-dvh md:grid-cols-[15rem_1fr]">
      <aside className="hidden border-r bg-muted/30 md:flex md:flex-col md:gap-4 md:p-4 print:hidden">
        <Link href="/na" className="grid px-3">
          <span className="text-lg font-semibold tracking-tight">Mobilo</span>
          <span className="text-xs text-muted-foreground">{t("title")}</span>
        </Link>
        <p className="px-3 text-sm font-medium" data-testid="na-codes">{agency}</p>
        <NaNav />
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur print:hidden">
          <Sheet open={open} onOpenChange={setOpen}>
            <SheetTrigger asChild>
              <Button variant="ghost" size="icon" className="md:hidden" aria-label={tNav("open")}>
                <Menu className="size-5" />
              </Button>
            </SheetTrigger>
            <SheetContent side="left" className="w-72 p-4" closeLabel={tNav("close")}>
              <SheetHeader className="p-0">
                <SheetTitle>Mobilo · {t("title")}</SheetTitle>
              </SheetHeader>
              <div className="mt-4 grid gap-4">
                <p className="px-3 text-sm font-medium">{agency}</p>
                <NaNav onNavigate={() => setOpen(false)} />
              </div>
            </SheetContent>
          </Sheet>
          <span className="truncate text-sm font-medium md:hidden">{agency}</span>
          <div className="ml-auto flex items-center gap-1">
            <LanguageSwitcher />
            <OfficerMenu user={user} role={agency} />
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-6">{children}</main>
      </div>
    </div>
  );
}
