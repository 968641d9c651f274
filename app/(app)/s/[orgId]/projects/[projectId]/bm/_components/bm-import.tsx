"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Download, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Progress } from "@/components/ui/progress";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

interface Issue {
  row: number | null;
  column: number | null;
  severity: "error" | "warning";
  code: string;
  params?: Record<string, string | number>;
}

interface DryRun {
  dataRows: number;
  create: number;
  update: number;
  unchanged: number;
  newParticipants: number;
  newPartners: number;
  errors: number;
  warnings: number;
  issues: Issue[];
  changes: { activityId: string; row: number; action: "create" | "update"; fields: { field: string }[] }[];
}

type UploadResult =
  | { ok: true; importId: string; status: "analysed" | "rejected"; dryRun: DryRun }
  | { ok: false; fileError: { code: string; params?: Record<string, string | number> } };

const SHOWN = 200;

/** Upload → dry run (messages per row and cell, feedback file) → commit (a job; its progress polled). */
export function BmImport({ orgId, projectId }: { orgId: string; projectId: string }) {
  const t = useTranslations("bm.import");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const [file, setFile] = useState<File | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [result, setResult] = useState<UploadResult | null>(null);
  const [committing, setCommitting] = useState(false);

  const message = (code: string, params?: Record<string, string | number>) =>
    tAll.has(code as Parameters<typeof tAll.has>[0]) ? tAll(code as Parameters<typeof tAll>[0], params) : code;

  const upload = useMutation({
    mutationFn: async (chosen: File) => {
      const body = new FormData();
      body.append("file", chosen);
      const response = await fetch(`/api/s/${orgId}/projects/${projectId}/bm-import`, { method: "POST", body });
      const json = (await response.json()) as UploadResult | { message: string };
      if ("ok" in json) return json;
      throw new Error(json.message);
    },
    onSuccess: async (data, chosen) => {
      setResult(data);
      setCommitting(false);
      // Row 1 of a CSV names the columns for the messages; an XLSX's messages name the column by letter.
      if (chosen.name.toLowerCase().endsWith(".csv")) {
        const text = await chosen.slice(0, 8192).text();
        const first = text.replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "";
        setHeaders(first.split(first.split(";").length > first.split(",").length ? ";" : ",").map((h) => h.replace(/^"|"$/g, "")));
      } else setHeaders([]);
    },
  });

  const importId = result?.ok ? result.importId : null;
  const commit = useMutation(trpc.bm.commit.mutationOptions({ onSuccess: () => setCommitting(true) }));
  const job = useQuery({
    ...trpc.bm.get.queryOptions({ orgId, importId: importId ?? "" }),
    enabled: committing && importId !== null,
    refetchInterval: (query) => (query.state.data && (query.state.data.status === "committed" || query.state.data.status === "failed") ? false : 1000),
  });

  const columnName = (index: number | null) => {
    if (index === null) return "";
    const header = headers[index];
    if (header) return header;
    let name = "";
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    return name;
  };

  const dryRun = result?.ok ? result.dryRun : null;
  const status = job.data?.status;
  const outcome = job.data?.outcome;

  return (
    <div className="grid gap-4">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (file) upload.mutate(file);
        }}
      >
        <div className="grid gap-1.5">
          <Label htmlFor="bm-file">{t("title")}</Label>
          <Input
            id="bm-file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            className="max-w-xs"
            data-testid="bm-file"
          />
        </div>
        <Button type="submit" disabled={!file || upload.isPending} data-testid="bm-upload">
          <Upload className="size-4" aria-hidden />
          {upload.isPending ? t("uploading") : t("upload")}
        </Button>
      </form>

      {upload.isError && (
        <Alert variant="destructive">
          <AlertDescription>{message(`errors.${upload.error.message}`)}</AlertDescription>
        </Alert>
      )}
      {result && !result.ok && (
        <Alert variant="destructive" data-testid="bm-file-error">
          <AlertDescription>{message(result.fileError.code, result.fileError.params)}</AlertDescription>
        </Alert>
      )}

      {result?.ok && dryRun && (
        <section className="grid gap-3" data-testid="bm-dry-run">
          <h3 className="font-medium">{t("dryRun")}</h3>
          <p className="text-sm" data-testid="bm-summary">{t("summary", {
              dataRows: dryRun.dataRows,
              create: dryRun.create,
              update: dryRun.update,
              unchanged: dryRun.unchanged,
              newParticipants: dryRun.newParticipants,
              newPartners: dryRun.newPartners,
            })}</p>
          <div className="flex flex-wrap gap-2">
            <Badge variant={dryRun.errors > 0 ? "destructive" : "secondary"}>{t("errors", { count: dryRun.errors })}</Badge>
            <Badge variant="outline">{t("warnings", { count: dryRun.warnings })}</Badge>
          </div>
          {dryRun.issues.length > 0 && (
            <div className="max-h-96 overflow-auto rounded-md border">
              <Table data-testid="bm-issues">
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("row")}</TableHead>
                    <TableHead>{t("column")}</TableHead>
                    <TableHead>{t("message")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {dryRun.issues.slice(0, SHOWN).map((issue, index) => (
                    <TableRow key={index} data-severity={issue.severity}>
                      <TableCell className="whitespace-nowrap">{issue.row === null ? t("file") : issue.row + 1}</TableCell>
                      <TableCell className="whitespace-nowrap">{columnName(issue.column)}</TableCell>
                      <TableCell className={issue.severity === "error" ? "text-destructive" : "text-muted-foreground"}>
                        {issue.severity === "error" ? `${t("error")}: ` : `${t("warning")}: `}
                        {message(issue.code, issue.params)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          {dryRun.errors + dryRun.warnings > SHOWN && <p className="text-sm text-muted-foreground">{t("moreIssues", { shown: SHOWN })}</p>}
          <div className="flex flex-wrap items-center gap-2">
            {dryRun.issues.length > 0 && (
              <Button asChild variant="outline" data-testid="bm-feedback">
                <a href={`/api/s/${orgId}/bm-imports/${result.importId}/feedback`} download>
                  <Download className="size-4" aria-hidden />
                  {t("feedback")}
                </a>
              </Button>
            )}
            {result.status === "rejected" && <p className="text-sm text-destructive">{t("fixAndRetry")}</p>}
            {result.status === "analysed" && dryRun.create + dryRun.update === 0 && <p className="text-sm">{t("nothingToDo")}</p>}
            {result.status === "analysed" && dryRun.create + dryRun.update > 0 && !committing && (
              <Button onClick={() => commit.mutate({ orgId, importId: result.importId })} disabled={commit.isPending} data-testid="bm-commit">
                {t("commit", { count: dryRun.create + dryRun.update })}
              </Button>
            )}
          </div>
          {commit.isError && (
            <Alert variant="destructive">
              <AlertDescription>{message(`errors.${commit.error.message}`)}</AlertDescription>
            </Alert>
          )}
        </section>
      )}

      {committing && (
        <section className="grid gap-2" data-testid="bm-job" aria-live="polite">
          {(status === undefined || status === "queued") && <p className="text-sm">{t("queued")}</p>}
          {status === "running" && job.data && (
            <>
              <p className="text-sm">{t("running", { progress: job.data.progress, total: job.data.totalRows })}</p>
              <Progress value={job.data.totalRows ? (100 * job.data.progress) / job.data.totalRows : 0} />
            </>
          )}
          {status === "committed" && outcome && (
            <Alert data-testid="bm-committed">
              <AlertDescription>{t("committed", { created: outcome.created ?? 0, updated: outcome.updated ?? 0, unchanged: outcome.unchanged ?? 0 })}</AlertDescription>
            </Alert>
          )}
          {status === "failed" && (
            <Alert variant="destructive">
              <AlertDescription>
                {t("failed")} {outcome?.error ? message(outcome.error) : ""}
              </AlertDescription>
            </Alert>
          )}
        </section>
      )}
    </div>
  );
}
