"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { COMPLIANCE_FLAGS, type TComplianceFlag } from "@/server/schemas/na";

/** How a number of raised flags reads as a risk level (the console's presentation, not a rule). */
export function riskLevel(risk: number): "none" | "low" | "medium" | "high" {
  if (risk <= 0) return "none";
  if (risk === 1) return "low";
  if (risk === 2) return "medium";
  return "high";
}

const RISK_VARIANT = { none: "success", low: "secondary", medium: "warning", high: "destructive" } as const;

export function RiskBadge({ risk }: { risk: number }) {
  const t = useTranslations("na.risk");
  const level = riskLevel(risk);
  return (
    <Badge variant={RISK_VARIANT[level]} title={t("count", { count: risk })} data-testid="risk-badge">
      {t(level)}
    </Badge>
  );
}

/** The raised flags of a project, each a link to the mobilities behind it. */
export function FlagLinks({ projectId, flags }: { projectId: string; flags: Record<TComplianceFlag, boolean> }) {
  const t = useTranslations("na.flags");
  const raised = COMPLIANCE_FLAGS.filter((flag) => flags[flag]);
  if (raised.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1">
      {raised.map((flag) => (
        <li key={flag}>
          <Badge variant="outline" asChild>
            <Link href={`/na/projects/${projectId}?flag=${flag}#drill-down`} data-flag={flag}>
              {t(flag)}
            </Link>
          </Badge>
        </li>
      ))}
    </ul>
  );
}
