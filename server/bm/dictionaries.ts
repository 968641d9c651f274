import type { BmDictionary, BmDictionaryName } from "./types";

/*
 * Value dictionaries of BM's import files. Import accepts the code, Mobilo's value and the aliases
 * (case, spaces and accents ignored); export writes the code.
 */

const dataType: BmDictionary = {
  name: "dataType",
  entries: [{ code: "Mobility activity", value: "mobility", aliases: ["Mobility", "Mobilnost", "Mobility activities"] }],
  source: "EC BM wiki, Import mobility activities (Data type is mandatory on every row)",
  confidence: "B",
};

const yesNo: BmDictionary = {
  name: "yesNo",
  entries: [
    { code: "Yes", value: "true", aliases: ["Y", "True", "1", "Da", "X"] },
    { code: "No", value: "false", aliases: ["N", "False", "0", "Ne"] },
  ],
  source: "EC BM wiki, import templates (Yes/No flags); Slovenian and 1/0 spellings accepted by Mobilo",
  confidence: "B",
};

const activity: BmDictionary = {
  name: "activity",
  entries: [
    { code: "SM-JOB-SHDW", value: "SM-JOB-SHDW", aliases: ["Job shadowing"] },
    { code: "SM-TTA", value: "SM-TTA", aliases: ["Teaching assignment", "Teaching or training assignment"] },
    { code: "SM-COUR-TRAIN", value: "SM-COUR-TRAIN", aliases: ["Courses and training", "Course"] },
    { code: "LM-GRP-PUPIL", value: "LM-GRP-PUPIL", aliases: ["Group mobility of pupils", "Group mobility"] },
    { code: "LM-SHORT-PUPIL", value: "LM-SHORT-PUPIL", aliases: ["Short-term pupil mobility"] },
    { code: "LM-LONG-PUPILS", value: "LM-LONG-PUPILS", aliases: ["LM-LONG-PUPIL", "Long-term pupil mobility"] },
    { code: "OA-INV-EXP", value: "OA-INV-EXP", aliases: ["Invited experts"] },
    { code: "OA-HOS-TTT", value: "OA-HOS-TTT", aliases: ["Hosting teachers and educators in training"] },
    { code: "PREP-VISIT", value: "PREP-VISIT", aliases: ["Preparatory visit", "PV"] },
  ],
  source: "domain doc §2: BM activity codes (A/B); PREP-VISIT is Mobilo's code (U)",
  confidence: "B",
};

const status: BmDictionary = {
  name: "status",
  entries: [
    { code: "Complete", value: "completed", aliases: ["Completed", "Zaključena"] },
    { code: "Draft", value: "draft", aliases: ["Osnutek"] },
    { code: "Planned", value: "planned", aliases: ["Načrtovana"] },
    { code: "Cancelled", value: "cancelled", aliases: ["Canceled", "Preklicana"] },
  ],
  source: "domain doc §2: a mobility is Draft until Complete (A); Planned and Cancelled are Mobilo's (U)",
  confidence: "U",
};

const transport: BmDictionary = {
  name: "transport",
  entries: [
    { code: "Plane", value: "plane", aliases: ["Letalo"] },
    { code: "Train", value: "train", aliases: ["Vlak"] },
    { code: "Bus", value: "bus", aliases: ["Avtobus", "Coach"] },
    { code: "Car", value: "car", aliases: ["Avto", "Avtomobil"] },
    { code: "Car sharing", value: "car_sharing", aliases: ["Carpooling", "Skupni prevoz"] },
    { code: "Boat", value: "boat", aliases: ["Ladja", "Ferry"] },
    { code: "Other", value: "other", aliases: ["Drugo"] },
  ],
  source: "BM participant report's means of transport (C)",
  confidence: "C",
};

/** ISO 3166 alpha-2 codes BM uses, with English and Slovenian names as aliases. */
const COUNTRIES: readonly [string, string, string][] = [
  ["AT", "Austria", "Avstrija"], ["BE", "Belgium", "Belgija"], ["BG", "Bulgaria", "Bolgarija"], ["HR", "Croatia", "Hrvaška"],
  ["CY", "Cyprus", "Ciper"], ["CZ", "Czechia", "Češka"], ["DK", "Denmark", "Danska"], ["EE", "Estonia", "Estonija"],
  ["FI", "Finland", "Finska"], ["FR", "France", "Francija"], ["DE", "Germany", "Nemčija"], ["GR", "Greece", "Grčija"],
  ["HU", "Hungary", "Madžarska"], ["IE", "Ireland", "Irska"], ["IT", "Italy", "Italija"], ["LV", "Latvia", "Latvija"],
  ["LT", "Lithuania", "Litva"], ["LU", "Luxembourg", "Luksemburg"], ["MT", "Malta", "Malta"], ["NL", "Netherlands", "Nizozemska"],
  ["PL", "Poland", "Poljska"], ["PT", "Portugal", "Portugalska"], ["RO", "Romania", "Romunija"], ["SK", "Slovakia", "Slovaška"],
  ["SI", "Slovenia", "Slovenija"], ["ES", "Spain", "Španija"], ["SE", "Sweden", "Švedska"], ["IS", "Iceland", "Islandija"],
  ["LI", "Liechtenstein", "Lihtenštajn"], ["NO", "Norway", "Norveška"], ["MK", "North Macedonia", "Severna Makedonija"],
  ["RS", "Serbia", "Srbija"], ["TR", "Türkiye", "Turčija"], ["CH", "Switzerland", "Švica"], ["GB", "United Kingdom", "Združeno kraljestvo"],
  ["UA", "Ukraine", "Ukrajina"], ["BA", "Bosnia and Herzegovina", "Bosna in Hercegovina"], ["ME", "Montenegro", "Črna gora"],
  ["AL", "Albania", "Albanija"], ["XK", "Kosovo", "Kosovo"], ["MD", "Moldova", "Moldavija"], ["US", "United States", "Združene države"],
];

const country: BmDictionary = {
  name: "country",
  entries: COUNTRIES.map(([code, en, sl]) => ({ code, value: code, aliases: [en, sl] })),
  source: "ISO 3166-1 alpha-2 as BM writes countries; programme countries per domain doc §4 (C), others as seen",
  confidence: "C",
};

export const BM_DICTIONARIES: Readonly<Record<BmDictionaryName, BmDictionary>> = { dataType, yesNo, activity, status, transport, country };

/** Case, spacing, punctuation and accents do not matter when a header or a value is matched. */
export function normaliseLabel(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const lookups = new Map<BmDictionaryName, Map<string, string>>();

/** Mobilo's value for a dictionary cell, or null when the text is not in the dictionary. */
export function lookupDictionary(name: BmDictionaryName, text: string): string | null {
  let map = lookups.get(name);
  if (!map) {
    map = new Map();
    for (const entry of BM_DICTIONARIES[name].entries) {
      for (const label of [entry.code, entry.value, ...(entry.aliases ?? [])]) map.set(normaliseLabel(label), entry.value);
    }
    lookups.set(name, map);
  }
  return map.get(normaliseLabel(text)) ?? null;
}

/** The code BM writes for one of Mobilo's values. */
export function dictionaryCode(name: BmDictionaryName, value: string): string {
  const entry = BM_DICTIONARIES[name].entries.find((e) => e.value === value);
  return entry ? entry.code : value;
}
