/** Small builders that keep the rate tables readable. */
import type { Cents, Confidence, Figure } from "../types";

export function figure<T>(value: T, confidence: Confidence, source: string): Figure<T> {
  return { value, confidence, source };
}

/** A whole-euro amount as a figure in cents. */
export function euros(amountEur: number, confidence: Confidence, source: string): Figure<Cents> {
  return figure(amountEur * 100, confidence, source);
}

/** The same table for several call years. */
export function forCallYears<T>(years: readonly number[], table: T): Record<number, T> {
  return Object.fromEntries(years.map((year) => [year, table]));
}
