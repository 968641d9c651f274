"use client";

import type { GrantIssue } from "./grant-panel";

/** The engine's errors and warnings about one field, shown beside it. */
export function EngineIssues({ issues, field, format }: { issues: GrantIssue[]; field: string; format: (issue: GrantIssue) => string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="grid gap-0.5 text-xs" data-testid={`engine-${field}`}>
      {issues.map((issue, i) => (
        <li key={i} className={issue.severity === "error" ? "text-destructive" : "text-amber-700"}>
          {format(issue)}
        </li>
      ))}
    </ul>
  );
}
