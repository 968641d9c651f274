"use client";

import { useFormatter } from "next-intl";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartLegendContent, ChartTooltipContent, type ChartConfig } from "./chart";

export interface SpendMonth {
  month: string;
  realisedCents: number;
  plannedCents: number;
  cumulativeCommittedCents: number;
}

interface SpendChartProps {
  months: readonly SpendMonth[];
  labels: { realised: string; planned: string; cumulative: string };
}

/** Realised and planned spend per month (stacked bars) with the committed running total (line). */
export function SpendChart({ months, labels }: SpendChartProps) {
  const format = useFormatter();
  const config: ChartConfig = {
    realised: { label: labels.realised, color: "var(--chart-2)" },
    planned: { label: labels.planned, color: "var(--chart-4)" },
    cumulative: { label: labels.cumulative, color: "var(--chart-3)" },
  };
  // Cents → euros for display only.
  const data = months.map((m) => ({
    month: m.month,
    realised: m.realisedCents / 100,
    planned: m.plannedCents / 100,
    cumulative: m.cumulativeCommittedCents / 100,
  }));
  const monthLabel = (month: string) => format.dateTime(new Date(`${month}-01T00:00:00`), { month: "short", year: "2-digit" });
  const money = (eur: number) => format.number(eur, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  const axisMoney = (eur: number) => format.number(eur, { notation: "compact", maximumFractionDigits: 1 });

  return (
    <ChartContainer config={config} className="aspect-auto h-72 w-full" data-testid="spend-chart">
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="month" tickLine={false} axisLine={false} tickMargin={8} minTickGap={16} tickFormatter={monthLabel} />
        <YAxis tickLine={false} axisLine={false} width={48} tickFormatter={axisMoney} />
        <Tooltip
          cursor={{ fillOpacity: 0.4 }}
          content={({ active, payload, label }) => (
            <ChartTooltipContent active={active} payload={payload} label={label} labelFormatter={monthLabel} valueFormatter={money} />
          )}
        />
        <Legend content={() => <ChartLegendContent keys={["realised", "planned", "cumulative"]} />} />
        <Bar dataKey="realised" stackId="spend" fill="var(--color-realised)" radius={[0, 0, 4, 4]} isAnimationActive={false} />
        <Bar dataKey="planned" stackId="spend" fill="var(--color-planned)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        <Line dataKey="cumulative" type="linear" stroke="var(--color-cumulative)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartContainer>
  );
}
