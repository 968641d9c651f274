"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { mobilityListSearch, parseMobilityListSearch, type TMobilityListState } from "@/server/schemas/mobility-list";

/**
 * The list's state lives in the URL query, so a filtered view can be shared and survives a reload.
 * Changes go through the History API (Next keeps useSearchParams in step) rather than the router:
 * no server round trip for the page, only the list's own query refetches.
 */
export function useMobilityListState() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const state = useMemo(() => parseMobilityListSearch(new URLSearchParams(searchParams.toString())), [searchParams]);

  const update = useCallback(
    (change: (current: TMobilityListState) => TMobilityListState, options: { replace?: boolean } = {}) => {
      const next = change(parseMobilityListSearch(new URLSearchParams(window.location.search)));
      const query = mobilityListSearch(next).toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (options.replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname],
  );

  /** A filter change starts again at the first page. */
  const setFilters = useCallback(
    (filters: Partial<TMobilityListState["filters"]>, options?: { replace?: boolean }) =>
      update((current) => ({ ...current, page: 1, filters: { ...current.filters, ...filters } }), options),
    [update],
  );

  return { state, update, setFilters };
}
