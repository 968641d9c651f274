"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { paramsFromState, stateFromParams, type TCalculatorState } from "./calculator-state";

/** How long typing may pause before the URL and the estimate follow. */
const DEBOUNCE_MS = 300;

/** How many recent query strings count as this page's own (far more than can be in flight). */
const KNOWN_QUERIES = 20;

function remember(known: readonly string[], query: string): readonly string[] {
  return [...known.filter((item) => item !== query).slice(-KNOWN_QUERIES + 1), query];
}

/**
 * The calculator's state, kept in the URL: `state` is what the form shows, `committed` what the
 * estimate and the URL show once typing pauses. A navigation to another query (back/forward, a
 * link) is adopted; `onAdopt` lets the caller reset what it derives from the state.
 */
export function useCalculatorUrlState(onAdopt: (adopted: TCalculatorState) => void) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlQuery = searchParams.toString();

  const [state, setState] = useState<TCalculatorState>(() => stateFromParams(searchParams));
  const [committed, setCommitted] = useState<TCalculatorState>(state);
  // Query strings this page read or wrote lately. Next applies a written URL asynchronously, so
  // useSearchParams may still show an older one of ours; only a query not in this list is a
  // navigation (back/forward, a link) to adopt.
  const [knownQueries, setKnownQueries] = useState<readonly string[]>([urlQuery]);

  if (!knownQueries.includes(urlQuery)) {
    // Back/forward or a link to another calculation: the URL is the truth.
    const adopted = stateFromParams(searchParams);
    setKnownQueries((known) => remember(known, urlQuery));
    setState(adopted);
    setCommitted(adopted);
    onAdopt(adopted);
  }

  useEffect(() => {
    if (state === committed) return;
    const timer = setTimeout(() => {
      setCommitted(state);
      const query = paramsFromState(state).toString();
      setKnownQueries((known) => remember(known, query));
      // The native History API keeps Next's router and useSearchParams in sync without a server
      // round trip per keystroke (router.replace would re-render the page on the server); replacing,
      // not pushing, keeps one history entry, so Back leaves the calculator with its state in the URL.
      window.history.replaceState(null, "", `${pathname}?${query}`);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [state, committed, pathname]);

  return { state, setState, committed };
}
