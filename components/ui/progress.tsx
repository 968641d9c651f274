"use client";

import * as React from "react";
import { Progress as ProgressPrimitive } from "radix-ui";
import { cva, type VariantProps } from "class-variance-authority";

import { cn } from "@/lib/utils";

const progressIndicatorVariants = cva("h-full w-full flex-1 transition-all", {
  variants: {
    variant: {
      default: "bg-primary",
      success: "bg-success",
      warning: "bg-warning",
      destructive: "bg-destructive",
    },
  },
  defaultVariants: {
    variant: "default",
  },
});

type ProgressProps = React.ComponentProps<typeof ProgressPrimitive.Root> &
  VariantProps<typeof progressIndicatorVariants> & {
    indicatorClassName?: string;
  };

/**
 * Determinate progress bar (e.g. "12 of 20 places used", "% of budget spent").
 * `value` is in the range 0..`max` (default max 100); values outside it are clamped
 * (an over-cap value renders a full bar, use variant="destructive" to flag it).
 * `value={null}` (or omitted) renders an indeterminate (pulsing) bar. Give it an accessible name with
 * `aria-label`/`aria-labelledby`, and optionally `getValueLabel` for the spoken value.
 */
function Progress({ className, indicatorClassName, value, max = 100, variant = "default", ...props }: ProgressProps) {
  const safeMax = Number.isFinite(max) && max > 0 ? max : 100;
  const clamped = value == null || !Number.isFinite(value) ? null : Math.min(Math.max(value, 0), safeMax);
  const percent = clamped === null ? 100 : (clamped / safeMax) * 100;

  return (
    <ProgressPrimitive.Root
      data-slot="progress"
      data-variant={variant}
      className={cn("relative h-2 w-full overflow-hidden rounded-full bg-primary/20", className)}
      value={clamped}
      max={safeMax}
      {...props}
    >
      <ProgressPrimitive.Indicator
        data-slot="progress-indicator"
        className={cn(
          progressIndicatorVariants({ variant }),
          "data-[state=indeterminate]:animate-pulse data-[state=indeterminate]:opacity-40",
          indicatorClassName,
        )}
        style={{ transform: `translateX(-${100 - percent}%)` }}
      />
    </ProgressPrimitive.Root>
  );
}

export { Progress, progressIndicatorVariants, type ProgressProps };
