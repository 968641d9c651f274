"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useTransition } from "react";
import { mobilityListSearch, parseMobilityListSearch, type TMobilityListState } from "@/server/schemas/mobility-list";

type TChange = { change: (current: TMobilityListState) => TMobilityListState; replace: boolean };

/**
 * The list's state lives in the URL query, so a filtered view can be shared and survives a reload.
 * Changes go through the History API (Next keeps useSearchParams in step) rather than the router:
 * no server round trip for the page, only the list's own query refetches.
 *
 * `refreshPage` re-renders the server parts of the page (the project's cards) after a mutation. A
 * refresh that lands after a URL change would put the URL it started from back, so changes made
 * while it runs wait for it.
 */
export function useMobilityListState() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const refreshingRef = useRef(false);
  const queued = useRef<TChange[]>([]);
  const state = useMemo(() => parseMobilityListSearch(new URLSearchParams(searchParams.toString())), [searchParams]);

  const apply = useCallback(
    ({ change, replace }: TChange) => {
      const next = change(parseMobilityListSearch(new URLSearchParams(window.location.search)));
      const query = mobilityListSearch(next).toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname],
  );

  useEffect(() => {
    refreshingRef.current = refreshing;
    if (refreshing) return;
    const pending = queued.current;
    queued.current = [];
    for (const change of pending) apply(change);
  }, [refreshing, apply]);

  const update = useCallback(
    (change: TChange["change"], options: { replace?: boolean } = {}) => {
      const entry = { change, replace: options.replace ?? false };
      if (refreshingRef.current) queued.current.push(entry);
      else apply(entry);
    },
    [apply],
  );

  /** A filter change starts again at the first page. */
  const setFilters = useCallback(
    (filters: Partial<TMobilityListState["filters"]>, options?: { replace?: boolean }) =>
      update((current) => ({ ...current, page: 1, filters: { ...current.filters, ...filters } }), options),
    [update],
  );

  const refreshPage = useCallback(() => {
    refreshingRef.current = true;
    startRefresh(() => router.refresh());
  }, [router]);

  return { state, update, setFilters, refreshPage };
}
