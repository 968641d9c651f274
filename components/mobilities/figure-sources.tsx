"use client";

import { useTranslations } from "next-intl";
import { useRuleTranslators } from "@/components/i18n/use-rule-text";
import { figureText } from "@/lib/rule-text";
import { cn } from "@/lib/utils";
import type { GrantLine } from "@/server/rules/grant-lines";
import { FIGURE_ORIGINS, type FigureSource } from "@/server/rules/types";

/*
 * Where a grant's figures come from (issue 11): for each line, which layer of the rates its figures
 * were taken from — the project's grant agreement, the national agency's table or the EU default —
 * and, on request, every figure by name with the note of its source. Used by the grant panel (the
 * mobility's stored grant, the form's live estimate, the NA's view) and the public calculator.
 */

const ORIGIN_STYLE: Record<FigureSource["origin"], string> = {
  agreement: "border-primary/40 bg-primary/10 text-primary",
  na: "border-sky-600/40 bg-sky-50 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  default: "border-border text-muted-foreground",
};

const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** The origins of one line's figures, most specific first (agreement, NA, default). */
export function originsOfLine(sources: readonly FigureSource[], line: GrantLine): FigureSource["origin"][] {
  return FIGURE_ORIGINS.filter((origin) => sources.some((s) => s.line === line && s.origin === origin));
}

/** Small labels under a grant line: where its figures came from. */
export function LineOrigins({ sources, line, testId }: { sources: readonly FigureSource[]; line: GrantLine; testId: string }) {
  const t = useTranslations("grant.origins");
  const origins = originsOfLine(sources, line);
  if (origins.length === 0) return null;
  return (
    <span className="flex flex-wrap gap-1" data-testid={testId}>
      {origins.map((origin) => (
        <span key={origin} className={cn("rounded border px-1.5 py-px text-[0.7rem] leading-4", ORIGIN_STYLE[origin])}>
          {t(origin)}
        </span>
      ))}
    </span>
  );
}

/** Every figure with money behind the lines, by name, with its origin and source note. */
export function FigureSourceList({ sources, lines }: { sources: readonly FigureSource[]; lines: readonly GrantLine[] }) {
  const t = useTranslations("grant");
  const tr = useRuleTranslators();
  const shown = sources.filter((s) => s.line !== null && lines.includes(s.line));
  if (shown.length === 0) return null;
  return (
    <details className="text-xs" data-testid="grant-sources">
      <summary className="cursor-pointer text-muted-foreground underline-offset-4 hover:underline">{t("sourcesTitle")}</summary>
      <ul className="mt-2 grid gap-1.5">
        {shown.map((s) => (
          <li key={s.figure} className="grid gap-0.5" data-origin={s.origin}>
            <span>
              {upperFirst(figureText(s.figure, tr))}: <span className="font-medium">{t(`origins.${s.origin}`)}</span>
            </span>
            <span className="break-words text-muted-foreground">{s.source}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
