// The part of SST v4's global platform API that infra/ uses, typed by hand.
//
// `sst install` generates the real declarations under `.sst/platform/` by downloading the
// platform and Pulumi, which cannot happen on the machines this repository is tested on.
// These narrow declarations let `tsc` check the config and its modules here, and they name
// only what the code uses, so a typo in an argument is a type error. They follow the SST
// v4 (anomalyco/sst, platform/src/components/aws) sources; if you run `sst install`
// locally, use the generated `.sst/platform/config.d.ts` instead of this file, not both.

declare namespace $util {
  /** A value known only during a deploy (Pulumi's `Output`). */
  interface Output<T> {
    apply<U>(fn: (value: T) => U | Output<U>): Output<U>;
  }
  /** A plain value or an `Output` of it. */
  type Input<T> = T | Output<T>;
}

/** The app being deployed: its name and the stage (`--stage`). */
declare const $app: { readonly name: string; readonly stage: string };

/** Builds a string `Output` from a template whose holes may be `Output`s. */
declare function $interpolate(
  strings: TemplateStringsArray,
  ...values: unknown[]
): $util.Output<string>;

/** What `app()` returns. */
interface SstAppDefinition {
  name: string;
  home: 'aws';
  removal: 'remove' | 'retain' | 'retain-all';
  protect?: boolean;
}

/** The shape of `sst.config.ts`. */
interface SstConfig {
  app(input?: { stage?: string }): SstAppDefinition | Promise<SstAppDefinition>;
  run(): Promise<Record<string, unknown> | undefined>;
}

declare function $config(config: SstConfig): SstConfig;

type SstDuration =
  | `${number} second`
  | `${number} seconds`
  | `${number} minute`
  | `${number} minutes`
  | `${number} hour`
  | `${number} hours`
  | `${number} day`
  | `${number} days`;

type SstLogRetention =
  | '1 day'
  | '3 days'
  | '5 days'
  | '1 week'
  | '2 weeks'
  | '1 month'
  | '2 months'
  | '3 months'
  | '6 months'
  | '1 year'
  | 'forever';

declare namespace sst {
  /** A name and values that functions can read at run time with `Resource.<name>`. */
  class Linkable<P extends Record<string, unknown>> {
    constructor(name: string, definition: { properties: P });
    readonly name: $util.Output<string>;
    readonly properties: P;
  }

  namespace aws {
    interface PermissionArgs {
      effect?: 'allow' | 'deny';
      actions: string[];
      resources: $util.Input<string>[];
      conditions?: { test: string; variable: string; values: $util.Input<string>[] }[];
    }

    interface FunctionArgs {
      handler: string;
      description?: string;
      runtime?: 'nodejs22.x' | 'nodejs24.x';
      architecture?: 'x86_64' | 'arm64';
      memory?: `${number} MB`;
      timeout?: SstDuration;
      environment?: Record<string, $util.Input<string>>;
      link?: unknown[];
      permissions?: PermissionArgs[];
      concurrency?: { reserved?: number; provisioned?: number };
      logging?: { retention?: SstLogRetention; format?: 'text' | 'json' };
      /** Retries of asynchronous invocations (0 to 2). */
      retries?: number;
      nodejs?: { format?: 'esm' | 'cjs'; sourcemap?: boolean; minify?: boolean };
    }

    // biome-ignore lint/suspicious/noShadowRestrictedNames: SST's component is sst.aws.Function.
    class Function {
      constructor(name: string, args: FunctionArgs);
      readonly arn: $util.Output<string>;
      readonly name: $util.Output<string>;
    }

    interface TableArgs {
      pointInTimeRecovery: { enabled: boolean };
      deletionProtectionEnabled: boolean;
      billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
    }

    interface EventSourceMappingArgs {
      startingPosition: 'LATEST' | 'TRIM_HORIZON';
      batchSize: number;
      maximumBatchingWindowInSeconds: number;
      bisectBatchOnFunctionError: boolean;
      maximumRetryAttempts: number;
      maximumRecordAgeInSeconds: number;
      parallelizationFactor: number;
      functionResponseTypes: 'ReportBatchItemFailures'[];
      destinationConfig: { onFailure: { destinationArn: $util.Input<string> } };
    }

    interface DynamoArgs {
      fields: Record<string, 'string' | 'number' | 'binary'>;
      primaryIndex: { hashKey: string; rangeKey?: string };
      /** By index name. `projection` defaults to `"all"`; an array means INCLUDE those fields. */
      globalIndexes?: Record<
        string,
        { hashKey: string; rangeKey?: string; projection?: 'all' | 'keys-only' | string[] }
      >;
      stream?: 'keys-only' | 'new-image' | 'old-image' | 'new-and-old-images';
      /** The TTL attribute (epoch seconds); SST enables TTL on it. */
      ttl?: string;
      deletionProtection?: boolean;
      transform?: { table?: Partial<TableArgs> };
    }

    interface DynamoSubscriberArgs {
      filters?: Record<string, unknown>[];
      transform?: { eventSourceMapping?: Partial<EventSourceMappingArgs> };
    }

    class Dynamo {
      constructor(name: string, args: DynamoArgs);
      readonly arn: $util.Output<string>;
      readonly name: $util.Output<string>;
      readonly nodes: { table: { streamArn: $util.Output<string> } };
      /** `subscriber` is a handler path or, as here, the ARN of an existing function. */
      subscribe(
        name: string,
        subscriber: $util.Input<string>,
        args?: DynamoSubscriberArgs,
      ): unknown;
    }

    interface BucketPolicyStatement {
      effect?: 'allow' | 'deny';
      actions: string[];
      principals:
        | '*'
        | { type: 'aws' | 'service' | 'federated' | 'canonical'; identifiers: string[] }[];
      /** Keys under the bucket ARN; `""` is the bucket itself. */
      paths?: string[];
      conditions?: { test: string; variable: string; values: $util.Input<string>[] }[];
    }

    interface PublicAccessBlockArgs {
      blockPublicAcls: boolean;
      ignorePublicAcls: boolean;
      blockPublicPolicy: boolean;
      restrictPublicBuckets: boolean;
    }

    interface BucketArgs {
      access?: 'public' | 'cloudfront';
      policy?: BucketPolicyStatement[];
      enforceHttps?: boolean;
      versioning?: boolean;
      cors?:
        | false
        | {
            allowHeaders?: string[];
            allowOrigins?: string[];
            allowMethods?: ('DELETE' | 'GET' | 'HEAD' | 'POST' | 'PUT')[];
            exposeHeaders?: string[];
            maxAge?: SstDuration;
          };
      transform?: { publicAccessBlock?: Partial<PublicAccessBlockArgs> | false };
    }

    class Bucket {
      constructor(name: string, args?: BucketArgs);
      readonly arn: $util.Output<string>;
      readonly name: $util.Output<string>;
    }

    interface StageArgs {
      defaultRouteSettings: {
        throttlingBurstLimit: number;
        throttlingRateLimit: number;
        detailedMetricsEnabled?: boolean;
      };
    }

    interface ApiGatewayV2Args {
      cors?: boolean;
      domain?: string;
      accessLog?: { retention?: SstLogRetention };
      transform?: { stage?: Partial<StageArgs> };
    }

    class ApiGatewayV2 {
      constructor(name: string, args?: ApiGatewayV2Args);
      readonly url: $util.Output<string>;
      readonly nodes: { api: { id: $util.Output<string> } };
      /** `handler` is a handler path or, as here, the ARN of an existing function. */
      route(rawRoute: string, handler: $util.Input<string>): unknown;
    }

    interface CronArgs {
      /** A handler path or, as here, the ARN of an existing function. */
      function: $util.Input<string>;
      schedule: `cron(${string})` | `rate(${string})`;
      timezone?: string;
      enabled?: boolean;
    }

    class Cron {
      constructor(name: string, args: CronArgs);
    }

    interface RouterArgs {
      domain?: string | { name: string; redirects?: string[]; aliases?: string[] };
    }

    class Router {
      constructor(name: string, args?: RouterArgs);
      readonly url: $util.Output<string>;
      routeBucket(pattern: string, bucket: Bucket): void;
    }

    interface StaticSiteArgs {
      path: string;
      build: { command: string; output: string };
      router?: { instance: Router; path?: string };
      environment?: Record<string, $util.Input<string>>;
      invalidation?: false | { paths?: 'all' | string[]; wait?: boolean };
      dev?: false | { command?: string; url?: string };
    }

    class StaticSite {
      constructor(name: string, args: StaticSiteArgs);
      readonly url: $util.Output<string>;
    }
  }
}

declare namespace aws {
  function getCallerIdentityOutput(): { accountId: $util.Output<string> };

  namespace sqs {
    interface QueueArgs {
      messageRetentionSeconds?: number;
      sqsManagedSseEnabled?: boolean;
    }
    class Queue {
      constructor(name: string, args?: QueueArgs);
      readonly arn: $util.Output<string>;
      readonly name: $util.Output<string>;
      readonly url: $util.Output<string>;
    }
  }

  namespace sns {
    class Topic {
      constructor(name: string, args?: Record<string, never>);
      readonly arn: $util.Output<string>;
    }
    class TopicSubscription {
      constructor(
        name: string,
        args: { topic: $util.Input<string>; protocol: 'email'; endpoint: string },
      );
    }
  }

  namespace cloudwatch {
    interface MetricAlarmArgs {
      alarmDescription: string;
      namespace: 'AWS/Lambda' | 'AWS/SQS';
      metricName: string;
      dimensions: Record<string, $util.Input<string>>;
      statistic: 'Sum' | 'Maximum' | 'Average';
      period: number;
      evaluationPeriods: number;
      threshold: number;
      comparisonOperator: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold';
      treatMissingData: 'notBreaching' | 'breaching' | 'missing' | 'ignore';
      alarmActions: $util.Input<string>[];
      okActions?: $util.Input<string>[];
    }
    class MetricAlarm {
      constructor(name: string, args: MetricAlarmArgs);
      readonly arn: $util.Output<string>;
    }
  }
}
