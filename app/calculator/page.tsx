import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { Button } from "@/components/ui/button";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { auth } from "@/server/auth/config";
import { DEFAULT_RATES } from "@/server/rules";
import { CALL_YEARS } from "@/server/rules/types";
import { Calculator, type TCalculatorData } from "./_components/calculator";
import { stateFromParams, toEstimateInput } from "./_components/calculator-state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("calculator");
  return { title: t("title"), description: t("intro") };
}

/** The home National Agency of the schools Mobilo serves; listed even while it has no published rates. */
const HOME_NA = "SI01";

/** What the form needs from the engine's rate tables (data, never literals in the page). */
function calculatorData(): TCalculatorData {
  const publishedRates = Object.fromEntries(
    Object.entries(DEFAULT_RATES.individualSupport).map(([naCode, years]) => [naCode, Object.keys(years ?? {}).map(Number)]),
  );
  const countriesByYear = Object.fromEntries(
    CALL_YEARS.map((year) => [year, Object.keys(DEFAULT_RATES.countryGroups[year] ?? {}).sort()]),
  );
  const naCodes = [HOME_NA, ...Object.keys(publishedRates).filter((code) => code !== HOME_NA).sort()];
  return { callYears: [...CALL_YEARS], naCodes, publishedRates, countriesByYear };
}

type TSearchParams = Record<string, string | string[] | undefined>;

function toUrlSearchParams(searchParams: TSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(name, first);
  }
  return params;
}

/** Public: no login, outside the school app shell. The estimate of the URL's state is rendered on the server. */
export default async function CalculatorPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const [t, session, params] = await Promise.all([getTranslations("calculator"), auth(), searchParams]);
  const { input } = toEstimateInput(stateFromParams(toUrlSearchParams(params)));
  if (input) await getQueryClient().prefetchQuery(trpc.rules.estimate.queryOptions(input));
  const signedIn = Boolean(session?.user?.id);

  return (
    <div className="min-h-dvh bg-muted/40">
      <header className="border-b bg-background print:border-0">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            Mobilo
          </Link>
          <div className="flex items-center gap-1 print:hidden">
            <LanguageSwitcher />
            <Button asChild variant="outline" size="sm">
              <Link href={signedIn ? "/" : "/login"}>{signedIn ? t("openApp") : t("signIn")}</Link>
            </Button>
          </div>
        </div>
      </header>
      <main className="mx-auto grid max-w-6xl gap-6 px-4 pt-6 pb-28 lg:pb-10">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="max-w-3xl text-sm text-muted-foreground">{t("intro")}</p>
        </div>
        <HydrateClient>
          <Suspense>
            <Calculator data={calculatorData()} />
          </Suspense>
        </HydrateClient>
      </main>
    </div>
  );
}
