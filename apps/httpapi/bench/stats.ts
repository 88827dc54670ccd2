/** One finished request. */
export interface Sample {
  route: string;
  status: number;
  /** Latency. */
  ms: number;
  /** When it was sent (performance.now()). */
  at: number;
  retryAfter: string | null;
}

/** The figures of one route in one phase. */
export interface RouteSummary {
  route: string;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

/** The figures of one phase. */
export interface Summary {
  perSecond: number;
  routes: RouteSummary[];
  samples: Sample[];
}

/** The value below which `p` percent of the sorted values fall. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Throughput, p50/p99 and statuses per route, over a phase of `seconds`. */
export function summarise(samples: Sample[], seconds: number): Summary {
  const byRoute = new Map<string, Sample[]>();
  for (const sample of samples) {
    byRoute.set(sample.route, [...(byRoute.get(sample.route) ?? []), sample]);
  }
  const routes = [...byRoute.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, list]) => {
      const latencies = list.map((s) => s.ms).sort((a, b) => a - b);
      const statuses: Record<string, number> = {};
      for (const s of list) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
      return {
        route,
        perSecond: list.length / seconds,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        statuses,
      };
    });
  return { perSecond: samples.length / seconds, routes, samples };
}
