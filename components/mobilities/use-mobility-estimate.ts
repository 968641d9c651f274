"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { FieldPath } from "react-hook-form";
import { useTRPC } from "@/components/trpc/client";
import { EMPTY_MOBILITY, formFieldOf, parseMobility, toApiInput, type MobilityFormValues } from "./form-values";
import type { GrantIssue } from "./grant-panel";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Engine fields → the form field its message belongs beside. */
const ENGINE_FIELD: Record<string, FieldPath<MobilityFormValues>> = {
  pupils: "pupilCount",
  accompanyingPersons: "members",
  origin: "originTown",
  destination: "destinationTown",
  destinationCountry: "destinationCountry",
};

/**
 * The live estimate while the form is typed in: the same engine and the same project context as
 * saving will use, asked once typing pauses; the previous answer stays on screen meanwhile.
 */
export function useMobilityEstimate({ orgId, projectId, mobilityId, values }: { orgId: string; projectId: string; mobilityId?: string; values: MobilityFormValues }) {
  const trpc = useTRPC();
  const debounced = useDebounced(values, 350);
  const parsed = parseMobility(projectId, debounced);
  const estimate = useQuery({
    ...trpc.mobilities.estimate.queryOptions(
      parsed.success ? { ...parsed.data, orgId, mobilityId } : { orgId, ...toApiInput(projectId, EMPTY_MOBILITY) },
    ),
    enabled: parsed.success,
    placeholderData: keepPreviousData,
  });
  const grant = parsed.success && estimate.data ? estimate.data : null;
  const issuesFor = (field: string): GrantIssue[] =>
    (grant?.issues ?? []).filter((issue) => issue.field && (ENGINE_FIELD[issue.field] ?? formFieldOf(issue.field)) === field);
  return { grant, fetching: estimate.isFetching, issuesFor };
}
