import { Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/capabilities";
import { orNotFound, serverCaller } from "@/server/api/rsc";
import { BmImport } from "./_components/bm-import";
import { BmPreflightList } from "./_components/bm-preflight";

type Params = Promise<{ orgId: string; projectId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("bm");
  return { title: t("title") };
}

/** The Beneficiary Module round trip of one project: export in BM's layout, import with a dry run. */
export default async function BmPage({ params }: { params: Params }) {
  const { orgId, projectId } = await params;
  const caller = await serverCaller();
  const [project, me] = await Promise.all([orNotFound(caller.projects.get({ orgId, projectId })), caller.me.context()]);
  const preflight = await caller.bm.preflight({ orgId, projectId, onlyCompleted: false });
  const role = me.organisations.find((o) => o.id === orgId)?.role;
  const t = await getTranslations("bm");
  const base = `/api/s/${orgId}/projects/${projectId}/bm-export`;
  const links = [
    { href: `${base}?format=xlsx`, label: t("export.xlsx"), id: "bm-export-xlsx" },
    { href: `${base}?format=csv`, label: t("export.csv"), id: "bm-export-csv" },
    { href: `${base}?format=xlsx&only=completed`, label: `${t("export.xlsx")} · ${t("export.onlyCompleted")}`, id: "bm-export-completed" },
  ];

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div className="grid gap-1">
        <Link href={`/s/${orgId}/projects/${projectId}`} className="font-mono text-sm text-muted-foreground hover:underline">
          {project.projectNumber}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="max-w-prose text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("export.title")}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-2">
          {links.map((link) => (
            <Button key={link.id} asChild variant="outline" data-testid={link.id}>
              <a href={link.href} download>
                <Download className="size-4" aria-hidden />
                {link.label}
              </a>
            </Button>
          ))}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("preflight.title")}</CardTitle>
          <CardDescription>{t("preflight.intro")}</CardDescription>
        </CardHeader>
        <CardContent>
          <BmPreflightList orgId={orgId} projectId={projectId} preflight={preflight} />
        </CardContent>
      </Card>
      {can(role, "bm.import") && (
        <Card>
          <CardHeader>
            <CardTitle>{t("import.title")}</CardTitle>
            <CardDescription>{t("import.file", { maxMb: 10, maxRows: "10 000" })}</CardDescription>
          </CardHeader>
          <CardContent>
            <BmImport orgId={orgId} projectId={projectId} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
