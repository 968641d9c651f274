"use client";

import * as React from "react";
import { ResponsiveContainer } from "recharts";
import { cn } from "@/lib/utils";

/*
 * Recharts in the shadcn/ui chart style, written for this app: a container that turns a config into
 * CSS variables (`--color-<key>`), so series take the theme's chart colours, plus a tooltip and a
 * legend that read labels from the same config.
 */

export type ChartConfig = Record<string, { label: string; color: string }>;

const ChartContext = React.createContext<ChartConfig | null>(null);

function useChartConfig(): ChartConfig {
  const config = React.useContext(ChartContext);
  if (!config) throw new Error("Chart parts must be used inside <ChartContainer>");
  return config;
}

interface ChartContainerProps extends React.ComponentProps<"div"> {
  config: ChartConfig;
  children: React.ReactElement;
}

export function ChartContainer({ config, className, children, style, ...props }: ChartContainerProps) {
  const variables = Object.fromEntries(Object.entries(config).map(([key, item]) => [`--color-${key}`, item.color]));
  return (
    <ChartContext.Provider value={config}>
      <div
        data-slot="chart"
        className={cn(
          "flex aspect-video justify-center text-xs",
          "[&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line]:stroke-border/70",
          "[&_.recharts-layer]:outline-hidden [&_.recharts-surface]:outline-hidden [&_.recharts-tooltip-cursor]:fill-muted",
          className,
        )}
        style={{ ...variables, ...style } as React.CSSProperties}
        {...props}
      >
        <ResponsiveContainer>{children}</ResponsiveContainer>
      </div>
    </ChartContext.Provider>
  );
}

interface TooltipEntry {
  dataKey?: string | number | ((obj: unknown) => unknown);
  value?: unknown;
  color?: string;
}

interface ChartTooltipContentProps {
  active?: boolean;
  payload?: readonly TooltipEntry[];
  label?: string | number;
  labelFormatter?: (label: string) => string;
  valueFormatter: (value: number) => string;
}

export function ChartTooltipContent({ active, payload, label, labelFormatter, valueFormatter }: ChartTooltipContentProps) {
  const config = useChartConfig();
  if (!active || !payload?.length) return null;
  return (
    <div className="grid min-w-40 gap-1.5 rounded-lg border bg-background px-2.5 py-1.5 text-xs shadow-xl">
      <div className="font-medium">{labelFormatter ? labelFormatter(String(label)) : label}</div>
      {payload.map((entry) => {
        const key = String(entry.dataKey);
        const item = config[key];
        return (
          <div key={key} className="flex items-center gap-2">
            <span className="size-2.5 shrink-0 rounded-[2px]" style={{ background: item?.color ?? entry.color }} aria-hidden />
            <span className="text-muted-foreground">{item?.label ?? key}</span>
            <span className="ml-auto font-mono font-medium tabular-nums">{valueFormatter(Number(entry.value ?? 0))}</span>
          </div>
        );
      })}
    </div>
  );
}

export function ChartLegendContent({ keys }: { keys: readonly string[] }) {
  const config = useChartConfig();
  return (
    <ul className="flex flex-wrap items-center justify-center gap-4 pt-3 text-xs">
      {keys.map((key) => (
        <li key={key} className="flex items-center gap-1.5">
          <span className="size-2.5 shrink-0 rounded-[2px]" style={{ background: config[key]?.color }} aria-hidden />
          {config[key]?.label ?? key}
        </li>
      ))}
    </ul>
  );
}
