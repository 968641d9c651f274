"use client";

import { Building2, Calculator, FileWarning, FolderKanban, Gauge, History, Hourglass, Menu, PlugZap, UserCog, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { can, type TSchoolRole } from "@/lib/capabilities";
import { cn } from "@/lib/utils";
import { SchoolSwitcher, type SchoolOption } from "./school-switcher";
import { UserMenu } from "./user-menu";

interface AppShellProps {
  user: { name: string; email: string };
  current: SchoolOption;
  organisations: SchoolOption[];
  children: React.ReactNode;
}

/** The links follow the capabilities (lib/capabilities.ts) of the pages' procedures; the procedures decide. */
function NavLinks({ orgId, role, onNavigate }: { orgId: string; role: TSchoolRole; onNavigate?: () => void }) {
  const t = useTranslations("nav");
  const tMembers = useTranslations("members");
  const tAudit = useTranslations("audit");
  const tDashboard = useTranslations("dashboard");
  const tFindings = useTranslations("na.findings");
  const tRetention = useTranslations("retention");
  const tIntegrations = useTranslations("integrations");
  const pathname = usePathname();
  const items = [
    { href: `/s/${orgId}/projects`, label: t("projects"), icon: FolderKanban },
    { href: `/s/${orgId}/overview`, label: tDashboard("nav"), icon: Gauge },
    { href: `/s/${orgId}/participants`, label: t("participants"), icon: Users },
    { href: `/s/${orgId}/partners`, label: t("partners"), icon: Building2 },
    ...(can(role, "members.read") ? [{ href: `/s/${orgId}/members`, label: tMembers("title"), icon: UserCog }] : []),
    ...(can(role, "audit.read") ? [{ href: `/s/${orgId}/audit`, label: tAudit("title"), icon: History }] : []),
    ...(can(role, "retention.read") ? [{ href: `/s/${orgId}/retention`, label: tRetention("nav"), icon: Hourglass }] : []),
    ...(can(role, "integrations.manage") ? [{ href: `/s/${orgId}/integrations`, label: tIntegrations("nav"), icon: PlugZap }] : []),
    ...(can(role, "findings.read") ? [{ href: `/s/${orgId}/findings`, label: tFindings("title"), icon: FileWarning }] : []),
    { href: "/calculator", label: t("calculator"), icon: Calculator },
  ];
  return (
    <nav className="grid gap-1" aria-label={t("label")}>
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors hover:bg-accent hover:text-accent-foreground",
              active ? "bg-accent text-accent-foreground" : "text-muted-foreground",
            )}
          >
            <item.icon className="size-4" aria-hidden />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}

export function AppShell({ user, current, organisations, children }: AppShellProps) {
  const t = useTranslations("nav");
  const tRole = useTranslations("roles");
  const [open, setOpen] = useState(false);
  return (
    <div className="grid min-h-dvh md:grid-cols-[15rem_1fr] print:block">
      <aside className="hidden border-r bg-muted/30 md:flex md:flex-col md:gap-4 md:p-4 print:hidden">
        <Link href={`/s/${current.id}/projects`} className="px-3 text-lg font-semibold tracking-tight">
          Mobilo
        </Link>
        <SchoolSwitcher current={current} organisations={organisations} />
        <NavLinks orgId={current.id} role={current.role} />
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur print:hidden">
          <Sheet open={open} onOpenChange={setOpen}>
            <SheetTrigger asChild>
              <Button variant="ghost" size="icon" className="md:hidden" aria-label={t("open")}>
                <Menu className="size-5" />
              </Button>
            </SheetTrigger>
            <SheetContent side="left" className="w-72 p-4" closeLabel={t("close")}>
              <SheetHeader className="p-0">
                <SheetTitle>Mobilo</SheetTitle>
              </SheetHeader>
              <div className="mt-4 grid gap-4">
                <SchoolSwitcher current={current} organisations={organisations} />
                <NavLinks orgId={current.id} role={current.role} onNavigate={() => setOpen(false)} />
              </div>
            </SheetContent>
          </Sheet>
          <span className="truncate text-sm font-medium md:hidden">{current.name}</span>
          <div className="ml-auto flex items-center gap-1">
            <LanguageSwitcher />
            <UserMenu user={user} roleLabel={tRole(current.role)} />
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-6">{children}</main>
      </div>
    </div>
  );
}
