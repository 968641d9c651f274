"use client";

import { FileWarning, LayoutList, Menu, PlugZap, Table2 } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { UserMenu } from "@/components/app-shell/user-menu";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { cn } from "@/lib/utils";

/** The officer's console: its own shell (no school switcher), the language switcher and sign-out. */
function NaNav({ onNavigate }: { onNavigate?: () => void }) {
  const t = useTranslations("na.shell.nav");
  const tNav = useTranslations("nav");
  const tIntegrations = useTranslations("integrations");
  const pathname = usePathname();
  const items = [
    { href: "/na", label: t("portfolio"), icon: LayoutList, active: pathname === "/na" || pathname.startsWith("/na/projects") },
    { href: "/na/findings", label: t("findings"), icon: FileWarning, active: pathname.startsWith("/na/findings") },
    { href: "/na/rates", label: t("rates"), icon: Table2, active: pathname.startsWith("/na/rates") },
    { href: "/na/integrations", label: tIntegrations("nav"), icon: PlugZap, active: pathname.startsWith("/na/integrations") },
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
            <UserMenu user={user} roleLabel={agency} />
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-6">{children}</main>
      </div>
    </div>
  );
}
