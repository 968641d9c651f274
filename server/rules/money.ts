/**
 * Integer-cent arithmetic. The engine never multiplies money by a fraction in floating point:
 * percentages are integer numerators over 100 and every division rounds explicitly.
 *
 * Rounding rule (documented once, used everywhere): round half up on non-negative integers,
 * i.e. floor((2·n + d) / (2·d)). Grant amounts are never negative, so "half up" and
 * "half away from zero" agree. All values stay far below 2^53, so the integer math is exact.
 */
import type { Cents } from "./types";

/** n / d rounded half up, for non-negative integers n and positive integer d. */
export function divideRoundHalfUp(n: number, d: number): number {
  return Math.floor((2 * n + d) / (2 * d));
}

/** `percent` % of an amount in cents, rounded half up to the cent. */
export function percentOfCents(cents: Cents, percent: number): Cents {
  return divideRoundHalfUp(cents * percent, 100);
}

/**
 * `percent` % of an amount in cents, rounded half up to the whole euro (how NAs publish the
 * reduced daily rate from day 15: domain doc §4, C).
 */
export function percentOfCentsToWholeEuro(cents: Cents, percent: number): Cents {
  return divideRoundHalfUp(cents * percent, 100 * 100) * 100;
}

/**
 * EUR input (at most two decimals, as ZEstimateInput enforces) to cents. Math.round absorbs the
 * binary representation error of values like 40.01 (×100 = 4000.9999…), which is far below half a cent.
 */
export function eurToCents(eur: number): Cents {
  return Math.round(eur * 100);
}

/** Cents to EUR for the output boundary: the nearest double to the two-decimal value. */
export function centsToEur(cents: Cents): number {
  return cents / 100;
}
