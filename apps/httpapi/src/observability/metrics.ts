import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The figures the API reports. */
export interface AppMetrics {
  /** One attestation that reached the engine: its status and how long it took. */
  attest(status: 'valid' | 'invalid' | 'indeterminate', durationMs: number): void;
  /** One withdrawal request that reached DNS, by outcome. */
  withdraw(
    outcome:
      | 'withdrawn'
      | 'claims-remain'
      | 'indeterminate'
      | 'not-found'
      | 'conflict'
      | 'unavailable',
  ): void;
  /** A request refused by the per-client rate limit. */
  rateLimited(route: string): void;
  /** A request answered 503 because the table was throttled, failing or unreachable. */
  storeUnavailable(route: string): void;
  /** A rate-limit decision made by this instance's counter because the shared table failed. */
  rateLimitStoreFailed(): void;
}

/** Options of {@link createEmfMetrics}. */
export interface EmfMetricsOptions {
  /** CloudWatch namespace. Default `POWERTOOLS_METRICS_NAMESPACE`, else `symval`. */
  namespace?: string;
  /** The `service` dimension. Default `POWERTOOLS_SERVICE_NAME`, else `httpapi`. */
  serviceName?: string;
}

/**
 * Metrics as CloudWatch Embedded Metric Format lines through Lambda Powertools, published at
 * once: each call adds, then publishes, without an `await` in between, so concurrent requests
 * in one process cannot mix their dimensions.
 */
export function createEmfMetrics(options: EmfMetricsOptions = {}): AppMetrics {
  const metrics = new Metrics({
    namespace: options.namespace ?? process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'symval',
    serviceName: options.serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'httpapi',
  });
  const publish = (dimensions: Record<string, string>, add: (m: Metrics) => void): void => {
    metrics.addDimensions(dimensions);
    add(metrics);
    metrics.publishStoredMetrics();
  };
  return {
    attest(status, durationMs) {
      publish({ status }, (m) => {
        m.addMetric('Attestations', MetricUnit.Count, 1);
        m.addMetric('AttestDuration', MetricUnit.Milliseconds, durationMs);
      });
    },
    withdraw(outcome) {
      publish({ outcome }, (m) => m.addMetric('Withdrawals', MetricUnit.Count, 1));
    },
    rateLimited(route) {
      publish({ route }, (m) => m.addMetric('RateLimited', MetricUnit.Count, 1));
    },
    storeUnavailable(route) {
      publish({ route }, (m) => m.addMetric('StoreUnavailable', MetricUnit.Count, 1));
    },
    rateLimitStoreFailed() {
      publish({}, (m) => m.addMetric('RateLimitStoreFailures', MetricUnit.Count, 1));
    },
  };
}

/** Metrics kept in memory, for tests. */
export interface MemoryMetrics extends AppMetrics {
  readonly events: Array<{ name: string; value: string; durationMs?: number }>;
}

/** Keeps every metric event in `events`. */
export function createMemoryMetrics(): MemoryMetrics {
  const events: MemoryMetrics['events'] = [];
  return {
    events,
    attest: (status, durationMs) => events.push({ name: 'attest', value: status, durationMs }),
    withdraw: (outcome) => events.push({ name: 'withdraw', value: outcome }),
    rateLimited: (route) => events.push({ name: 'rateLimited', value: route }),
    storeUnavailable: (route) => events.push({ name: 'storeUnavailable', value: route }),
    rateLimitStoreFailed: () => events.push({ name: 'rateLimitStoreFailed', value: '' }),
  };
}
