/**
 * Minimum and maximum activity days (travel excluded) per activity type, by call year
 * (domain doc §2). Courses: 2–30 is A for calls 2021–2024; for 2025–2026 it is unconfirmed (two C
 * sources say 2–10 for call 2026), so those years keep 2–30 marked U and the engine warns.
 */
import type { DurationLimit, DurationLimits } from "./types";
import type { Confidence, Figure } from "../types";
import { figure, forCallYears } from "./figure";

function days(minDays: number, maxDays: number, confidence: Confidence, activity: string): Figure<DurationLimit> {
  return figure({ minDays, maxDays }, confidence, `erasmus-school-rules.md §2, ${activity}`);
}

function durationLimits(courseConfidence: Confidence): DurationLimits {
  return {
    "SM-JOB-SHDW": days(2, 60, "B", "job shadowing"),
    "SM-TTA": days(2, 365, "B", "teaching or training assignment"),
    "SM-COUR-TRAIN": days(2, 30, courseConfidence, "courses and training"),
    "LM-GRP-PUPIL": days(2, 30, "A", "group mobility of pupils"),
    "LM-SHORT-PUPIL": days(10, 29, "B", "short-term individual pupil mobility"),
    "LM-LONG-PUPILS": days(30, 365, "B", "long-term individual pupil mobility"),
    "OA-INV-EXP": days(2, 60, "B", "invited experts"),
    "OA-HOS-TTT": days(10, 365, "B", "hosting teachers and educators in training"),
  };
}

export const DURATION_LIMITS = {
  ...forCallYears([2021, 2022, 2023, 2024], durationLimits("A")),
  ...forCallYears([2025, 2026], durationLimits("U")),
};
