// Reading an evaluation: the AWS resources SST's components registered, found by type and
// name, with their inputs as Pulumi would send them to the AWS provider. One class for every
// test file, so that what later issues add (aliases, certificates, more routes) is asserted
// the same way: find the resource, assert on its inputs.
import type { EvaluationResult } from './evaluate.js';
import type { RegisteredResource } from './mocks.js';

/** The AWS resource types the tests read, by what they are. */
export const TYPES = {
  alarm: 'aws:cloudwatch/metricAlarm:MetricAlarm',
  api: 'aws:apigatewayv2/api:Api',
  apiIntegration: 'aws:apigatewayv2/integration:Integration',
  apiRoute: 'aws:apigatewayv2/route:Route',
  apiStage: 'aws:apigatewayv2/stage:Stage',
  bucket: 'aws:s3/bucket:Bucket',
  bucketCors: 'aws:s3/bucketCorsConfiguration:BucketCorsConfiguration',
  bucketPolicy: 'aws:s3/bucketPolicy:BucketPolicy',
  cachePolicy: 'aws:cloudfront/cachePolicy:CachePolicy',
  certificate: 'aws:acm/certificate:Certificate',
  command: 'command:local:Command',
  distribution: 'aws:cloudfront/distribution:Distribution',
  dynamic: 'pulumi-nodejs:dynamic:Resource',
  eventInvokeConfig: 'aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig',
  eventSourceMapping: 'aws:lambda/eventSourceMapping:EventSourceMapping',
  function: 'aws:lambda/function:Function',
  logGroup: 'aws:cloudwatch/logGroup:LogGroup',
  logMetricFilter: 'aws:cloudwatch/logMetricFilter:LogMetricFilter',
  publicAccessBlock: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
  queue: 'aws:sqs/queue:Queue',
  randomPassword: 'random:index/randomPassword:RandomPassword',
  record: 'aws:route53/record:Record',
  role: 'aws:iam/role:Role',
  schedule: 'aws:scheduler/schedule:Schedule',
  table: 'aws:dynamodb/table:Table',
  topic: 'aws:sns/topic:Topic',
  topicSubscription: 'aws:sns/topicSubscription:TopicSubscription',
} as const;

/** One IAM policy statement, as AWS reads it, with `Action` and `Resource` always lists. */
/** The inputs of an EventBridge Scheduler schedule, as the tests read them. */
export interface ScheduleInputs {
  scheduleExpression: string;
  scheduleExpressionTimezone?: string;
  flexibleTimeWindow: { mode: string };
  state: string;
  target: {
    arn: string;
    roleArn: string;
    input: string;
    retryPolicy: { maximumRetryAttempts: number };
  };
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const asList = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [value as string];

/** The statements of an IAM policy document (JSON text). */
export function statementsOf(policy: string): PolicyStatement[] {
  const document = JSON.parse(policy) as { Statement: Record<string, unknown>[] };
  return document.Statement.map((statement) => ({
    ...statement,
    Effect: statement.Effect as 'Allow' | 'Deny',
    Action: asList(statement.Action),
    Resource: asList(statement.Resource),
  }));
}

/** A Lambda function as deployed: the function, its role's inline policy, and its build. */
export interface DeployedFunction {
  inputs: Record<string, unknown> & {
    environment: { variables: Record<string, string> };
    name: string;
    handler: string;
  };
  statements: PolicyStatement[];
  /** What SST asked its CLI to bundle (handler, runtime, links, build properties). */
  build: Record<string, unknown> & { handler: string; links: Record<string, unknown> };
}

/** What one evaluation of sst.config.ts deployed. */
export class Deployment {
  constructor(readonly result: EvaluationResult) {
    if (result.error) {
      throw new Error(`the evaluation failed: ${result.error.name}: ${result.error.message}`);
    }
  }

  /** The stack outputs `sst deploy` prints. */
  get outputs(): Record<string, unknown> {
    return this.result.outputs ?? {};
  }

  /** Every resource of `type`. */
  all(type: string): RegisteredResource[] {
    return this.result.resources.filter((resource) => resource.type === type);
  }

  /** The resource of `type` named `name`; the error lists the names there are. */
  one(type: string, name: string): RegisteredResource {
    const found = this.result.resources.find((r) => r.type === type && r.name === name);
    if (!found) {
      const names = this.all(type).map((r) => r.name);
      throw new Error(`no ${type} named ${name}; there are: ${names.join(', ') || 'none'}`);
    }
    return found;
  }

  /** The inputs of the resource of `type` named `name`. */
  inputs<T = Record<string, unknown>>(type: string, name: string): T {
    return this.one(type, name).inputs as T;
  }

  /** The outputs the resource got back (its ARN, name, URL). */
  state<T = Record<string, unknown>>(type: string, name: string): T {
    return this.one(type, name).state as T;
  }

  /**
   * What `sst deploy --target <name>` updates: SST hands Pulumi the URNs of the resources
   * named `name` with `--target-dependents`, so the engine also takes every resource that
   * depends on one of them (children, by their parent; the others, by an input or
   * `dependsOn`), transitively. Everything else keeps its deployed state.
   */
  target(name: string): RegisteredResource[] {
    const start = this.result.resources.filter((r) => r.name === name);
    if (start.length === 0) throw new Error(`Target not found: ${name}`);
    const chosen = new Set(start.map((r) => r.urn));
    for (let grown = true; grown; ) {
      grown = false;
      for (const r of this.result.resources) {
        if (chosen.has(r.urn)) continue;
        const parent = r.parent !== undefined && chosen.has(r.parent);
        if (parent || (r.dependencies ?? []).some((urn) => chosen.has(urn))) {
          chosen.add(r.urn);
          grown = true;
        }
      }
    }
    return this.result.resources.filter((r) => chosen.has(r.urn));
  }

  /** A dynamic resource of SST's (its type after the name, e.g. `KvRoutesUpdate`). */
  dynamic(kind: string): RegisteredResource[] {
    return this.all(TYPES.dynamic).filter((r) => r.name.endsWith(`.sst.aws.${kind}`));
  }

  /** The `sst.aws.Function` named `name`, as the Lambda function, role and build it became. */
  lambda(name: string): DeployedFunction {
    const role = this.inputs<{ inlinePolicies: { name: string; policy: string }[] }>(
      TYPES.role,
      `${name}Role`,
    );
    const build = this.result.cliCalls.find(
      (call) => call.method === 'Runtime.Build' && call.args.functionID === name,
    );
    if (!build) throw new Error(`SST did not build a function ${name}`);
    return {
      inputs: this.inputs(TYPES.function, `${name}Function`),
      statements: role.inlinePolicies.flatMap((policy) => statementsOf(policy.policy)),
      build: build.args as DeployedFunction['build'],
    };
  }
}
