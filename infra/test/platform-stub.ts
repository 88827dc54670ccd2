// Small recording stand-ins for the globals SST gives sst.config.ts ($config, $app,
// $interpolate, sst.*, aws.*). Each constructor and method call is recorded with its
// arguments; outputs are fake but realistic (ARNs, names, URLs), already known, and support
// `apply` like Pulumi's. Only what infra/ uses exists: anything else is a TypeError in the
// test, the way an unknown component would fail a deploy.

/** A deploy-time value that is already known. */
export class FakeOutput<T> {
  constructor(readonly value: T) {}

  apply<U>(fn: (value: T) => U | FakeOutput<U>): FakeOutput<U> {
    const result = fn(this.value);
    return result instanceof FakeOutput ? result : new FakeOutput(result);
  }

  toString(): string {
    // Pulumi's Output throws here too: a deploy-time value must not be used as a string.
    throw new Error('FakeOutput used as a string; use apply() or $interpolate');
  }
}

/**
 * Replaces every fake output inside plain objects and arrays by its value. Stand-in
 * resources (links) are kept as they are, so tests can compare them by identity.
 */
export function resolve(value: unknown): unknown {
  if (value instanceof FakeOutput) return resolve(value.value);
  if (Array.isArray(value)) return value.map(resolve);
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
  }
  return value;
}

/** One recorded resource. */
export interface RecordedResource {
  kind: string;
  name: string;
  args: unknown;
  instance: object;
  calls: { method: string; args: unknown[] }[];
}

/** Everything a `run()` created. */
export class Recording {
  readonly resources: RecordedResource[] = [];

  add(kind: string, name: string, args: unknown, instance: object): RecordedResource {
    if (this.resources.some((r) => r.kind === kind && r.name === name)) {
      // Pulumi refuses two resources with the same type and name (duplicate URN).
      throw new Error(`duplicate ${kind} named ${name}`);
    }
    const resource: RecordedResource = { kind, name, args, instance, calls: [] };
    this.resources.push(resource);
    return resource;
  }

  ofKind(kind: string): RecordedResource[] {
    return this.resources.filter((r) => r.kind === kind);
  }

  one(kind: string, name: string): RecordedResource {
    const found = this.resources.find((r) => r.kind === kind && r.name === name);
    if (!found) {
      const names = this.ofKind(kind).map((r) => r.name);
      throw new Error(`no ${kind} named ${name}; recorded: ${names.join(', ') || 'none'}`);
    }
    return found;
  }

  /** The recorded resource whose stand-in is `instance`. */
  of(instance: unknown): RecordedResource {
    const found = this.resources.find((r) => r.instance === instance);
    if (!found) throw new Error('not a recorded resource');
    return found;
  }
}

export const ACCOUNT_ID = '123456789012';
const REGION = 'us-east-1';

function createPlatform(stage: string, recording: Recording) {
  const prefix = `symval-${stage}`;
  const out = <T>(value: T) => new FakeOutput(value);

  class Linkable {
    readonly name: FakeOutput<string>;
    readonly properties: unknown;
    constructor(name: string, definition: { properties: unknown }) {
      recording.add('sst.Linkable', name, definition, this);
      this.name = out(name);
      this.properties = definition.properties;
    }
  }

  class Dynamo {
    readonly arn: FakeOutput<string>;
    readonly name: FakeOutput<string>;
    readonly nodes: { table: { streamArn: FakeOutput<string> } };
    private readonly record: RecordedResource;
    constructor(name: string, args: unknown) {
      this.record = recording.add('sst.aws.Dynamo', name, args, this);
      const tableName = `${prefix}-${name}Table`;
      const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/${tableName}`;
      this.arn = out(arn);
      this.name = out(tableName);
      this.nodes = { table: { streamArn: out(`${arn}/stream/2026-11-23T00:00:00.000`) } };
    }
    subscribe(...args: unknown[]): object {
      this.record.calls.push({ method: 'subscribe', args });
      return {};
    }
  }

  class Bucket {
    readonly arn: FakeOutput<string>;
    readonly name: FakeOutput<string>;
    constructor(name: string, args: unknown) {
      recording.add('sst.aws.Bucket', name, args, this);
      const bucketName = `${prefix}-${name.toLowerCase()}bucket-a1b2c3d4`;
      this.arn = out(`arn:aws:s3:::${bucketName}`);
      this.name = out(bucketName);
    }
  }

  class LambdaFunction {
    readonly arn: FakeOutput<string>;
    readonly name: FakeOutput<string>;
    constructor(name: string, args: unknown) {
      recording.add('sst.aws.Function', name, args, this);
      const functionName = `${prefix}-${name}Function-e5f6`;
      this.arn = out(`arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${functionName}`);
      this.name = out(functionName);
    }
  }

  class ApiGatewayV2 {
    readonly url: FakeOutput<string>;
    readonly nodes: { api: { id: FakeOutput<string> } };
    private readonly record: RecordedResource;
    constructor(name: string, args: unknown) {
      this.record = recording.add('sst.aws.ApiGatewayV2', name, args, this);
      this.url = out(`https://a1${stage}.execute-api.${REGION}.amazonaws.com`);
      this.nodes = { api: { id: out(`a1${stage}`) } };
    }
    route(...args: unknown[]): object {
      this.record.calls.push({ method: 'route', args });
      return {};
    }
  }

  class Cron {
    constructor(name: string, args: unknown) {
      recording.add('sst.aws.Cron', name, args, this);
    }
  }

  class Router {
    readonly url: FakeOutput<string>;
    private readonly record: RecordedResource;
    constructor(name: string, args: { domain?: string | { name: string } } = {}) {
      this.record = recording.add('sst.aws.Router', name, args, this);
      const domain = typeof args.domain === 'string' ? args.domain : args.domain?.name;
      this.url = out(domain ? `https://${domain}` : `https://d1${stage}.cloudfront.net`);
    }
    routeBucket(...args: unknown[]): void {
      this.record.calls.push({ method: 'routeBucket', args });
    }
  }

  class StaticSite {
    readonly url: FakeOutput<string>;
    constructor(name: string, args: unknown) {
      recording.add('sst.aws.StaticSite', name, args, this);
      this.url = out(`https://d1${stage}.cloudfront.net`);
    }
  }

  class Queue {
    readonly arn: FakeOutput<string>;
    readonly name: FakeOutput<string>;
    readonly url: FakeOutput<string>;
    constructor(name: string, args: unknown) {
      recording.add('aws.sqs.Queue', name, args, this);
      const queueName = `${name}-9a8b7c6`;
      this.arn = out(`arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${queueName}`);
      this.name = out(queueName);
      this.url = out(`https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/${queueName}`);
    }
  }

  class Topic {
    readonly arn: FakeOutput<string>;
    constructor(name: string, args: unknown) {
      recording.add('aws.sns.Topic', name, args, this);
      this.arn = out(`arn:aws:sns:${REGION}:${ACCOUNT_ID}:${name}-5d4e3f2`);
    }
  }

  class TopicSubscription {
    constructor(name: string, args: unknown) {
      recording.add('aws.sns.TopicSubscription', name, args, this);
    }
  }

  class MetricAlarm {
    readonly arn: FakeOutput<string>;
    constructor(name: string, args: unknown) {
      recording.add('aws.cloudwatch.MetricAlarm', name, args, this);
      this.arn = out(`arn:aws:cloudwatch:${REGION}:${ACCOUNT_ID}:alarm:${name}-1a2b3c4`);
    }
  }

  return {
    $config: <T>(config: T): T => config,
    $app: { name: 'symval', stage },
    $interpolate: (strings: TemplateStringsArray, ...values: unknown[]) =>
      out(
        strings.reduce(
          (text, part, i) => text + part + (i < values.length ? String(resolve(values[i])) : ''),
          '',
        ),
      ),
    sst: {
      Linkable,
      aws: { Dynamo, Bucket, Function: LambdaFunction, ApiGatewayV2, Cron, Router, StaticSite },
    },
    aws: {
      getCallerIdentityOutput: () => ({ accountId: out(ACCOUNT_ID) }),
      sqs: { Queue },
      sns: { Topic, TopicSubscription },
      cloudwatch: { MetricAlarm },
    },
  };
}

/**
 * Puts the stand-ins on `globalThis` for `stage`; the returned function puts back what was
 * there before.
 */
export function installPlatform(stage: string): { recording: Recording; uninstall: () => void } {
  const recording = new Recording();
  const platform = createPlatform(stage, recording);
  const global = globalThis as Record<string, unknown>;
  const previous = new Map(Object.keys(platform).map((key) => [key, global[key]]));
  Object.assign(global, platform);
  return {
    recording,
    uninstall: () => {
      for (const [key, value] of previous) {
        if (value === undefined) delete global[key];
        else global[key] = value;
      }
    },
  };
}
