// Pulumi's mock runtime stands in for the engine and the AWS provider: each resource SST
// registers is recorded with its inputs and answered with the outputs AWS would give it
// (ARNs, names, endpoints), and each provider function SST calls is answered here, as the
// provider would answer it for one account in one region. A call nobody answers fails the
// evaluation, naming the token, instead of handing SST an empty result.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { runtime } from '@pulumi/pulumi';
import { secretPaths, toJson } from './json.js';

/** The account and region the evaluation pretends to deploy to. */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
/** The Route 53 zone SST finds for a domain in that account. */
export const HOSTED_ZONE_ID = 'Z0123456789SUNSEXAMPLE';
/** That zone's name, as `aws.route53.getZone` finds it (production's names are under it). */
export const HOSTED_ZONE_NAME = 'suns.bz';

/** A resource as Pulumi registered it. */
export interface RegisteredResource {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  state: Record<string, unknown>;
  /** Its URN (set by program-host.ts from the registration). */
  urn?: string;
  /** Its parent's URN; absent for a resource of the stack itself. */
  parent?: string;
  /** Every URN it depends on: explicit `dependsOn` and those of its inputs' Outputs. */
  dependencies?: string[];
  /** The `import` option: the ID of an existing resource to adopt. */
  importId?: string;
  /** The `retainOnDelete` option: removing it from the program leaves it in AWS. */
  retainOnDelete?: boolean;
  /** Where its inputs hold secrets (kept encrypted in the state): `origins`, `environment.x`. */
  secretInputs: string[];
}

/** A provider function call (`aws.iam.getPolicyDocument` and the like). */
export interface ProviderCall {
  token: string;
  inputs: Record<string, unknown>;
}

/** What the mocks saw. */
export interface MockRecording {
  resources: RegisteredResource[];
  calls: ProviderCall[];
}

/** Options of {@link createMocks}. */
export interface MockOptions {
  /**
   * Where the site build command would run: a `command:local:Command` is answered by writing
   * what the build writes (`dist/index.html` in its directory), since nothing runs here.
   */
  simulateBuild: boolean;
}

/** Mocks that record into `recording`. */
export function createMocks(recording: MockRecording, options: MockOptions): runtime.Mocks {
  return {
    newResource(args) {
      const inputs = toJson(args.inputs) as Record<string, unknown>;
      if (process.env.SYMVAL_SST_DEBUG) console.error(`resource ${args.type} ${args.name}`);
      const state = { ...inputs, ...outputsOf(args.type, args.name, inputs) };
      if (args.type === 'command:local:Command' && options.simulateBuild) simulateBuild(inputs);
      recording.resources.push({
        type: args.type,
        name: args.name,
        custom: args.custom ?? true,
        inputs,
        state,
        secretInputs: secretPaths(args.inputs),
      });
      return { id: String(state.id), state: { ...args.inputs, ...state } };
    },
    call(args) {
      const inputs = toJson(args.inputs) as Record<string, unknown>;
      if (process.env.SYMVAL_SST_DEBUG) console.error(`call ${args.token}`);
      recording.calls.push({ token: args.token, inputs });
      return answerCall(args.token, inputs);
    },
  };
}

/**
 * The pages of the site's build that the Router's routing depends on: the members page and
 * the one owner page every `/owners/<id>/` is rewritten to (apps/web/edge/viewer-request.js),
 * which `vite build` writes as `owners/_/index.html`.
 */
export const SIMULATED_SITE_FILES = ['index.html', 'owners/_/index.html'];

function simulateBuild(inputs: Record<string, unknown>): void {
  const dist = path.join(String(inputs.dir), 'dist');
  for (const file of SIMULATED_SITE_FILES) {
    mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    writeFileSync(path.join(dist, file), `<!doctype html><title>symval ${file}</title>\n`);
  }
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9-]/g, '-');

/** The outputs AWS would give a resource of `type` (only those SST or infra read). */
function outputsOf(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  const given = (key: string, fallback: string) =>
    typeof inputs[key] === 'string' && inputs[key] !== '' ? (inputs[key] as string) : fallback;
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
  switch (type) {
    case 'aws:dynamodb/table:Table': {
      const tableName = given('name', `${name}-0a1b2c3`);
      const tableArn = arn('dynamodb', `table/${tableName}`);
      return {
        id: tableName,
        name: tableName,
        arn: tableArn,
        streamArn: inputs.streamEnabled ? `${tableArn}/stream/2026-12-01T00:00:00.000` : '',
      };
    }
    case 'aws:s3/bucketV2:BucketV2':
    case 'aws:s3/bucket:Bucket': {
      const bucket = given('bucket', `${slug(name)}-4d5e6f7`);
      return {
        id: bucket,
        bucket,
        arn: `arn:aws:s3:::${bucket}`,
        bucketDomainName: `${bucket}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucket}.s3.${REGION}.amazonaws.com`,
      };
    }
    case 'aws:lambda/function:Function': {
      const functionName = given('name', `${name}-8a9b0c1`);
      const functionArn = arn('lambda', `function:${functionName}`);
      return {
        id: functionName,
        name: functionName,
        arn: functionArn,
        qualifiedArn: `${functionArn}:$LATEST`,
        invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
        version: '$LATEST',
      };
    }
    case 'aws:apigatewayv2/api:Api':
      return {
        id: 'a1b2c3d4e5',
        apiEndpoint: `https://a1b2c3d4e5.execute-api.${REGION}.amazonaws.com`,
        executionArn: arn('execute-api', 'a1b2c3d4e5'),
        arn: `arn:aws:apigateway:${REGION}::/apis/a1b2c3d4e5`,
      };
    case 'aws:cloudfront/distribution:Distribution':
      return {
        id: 'E1A2B3C4D5E6F7',
        arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E1A2B3C4D5E6F7`,
        domainName: 'd1a2b3c4d5e6f7.cloudfront.net',
        hostedZoneId: 'Z2FDTNDATAQYW2',
      };
    case 'aws:sqs/queue:Queue': {
      const queueName = given('name', `${name}-2d3e4f5`);
      return {
        id: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${queueName}`,
        name: queueName,
        arn: arn('sqs', queueName),
        url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${queueName}`,
      };
    }
    case 'aws:sns/topic:Topic': {
      const topicName = given('name', `${name}-6a7b8c9`);
      return { id: arn('sns', topicName), name: topicName, arn: arn('sns', topicName) };
    }
    case 'aws:iam/role:Role': {
      const roleName = given('name', `${name}-0d1e2f3`);
      return { id: roleName, name: roleName, arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}` };
    }
    case 'aws:cloudwatch/logGroup:LogGroup': {
      const groupName = given('name', `/aws/${name}`);
      return { id: groupName, name: groupName, arn: arn('logs', `log-group:${groupName}`) };
    }
    case 'aws:cloudfront/keyValueStore:KeyValueStore':
      return { id: `${name}-kvs`, arn: `arn:aws:cloudfront::${ACCOUNT}:key-value-store/${name}` };
    case 'aws:cloudfront/function:Function':
      return { id: name, arn: `arn:aws:cloudfront::${ACCOUNT}:function/${name}` };
    case 'aws:cloudfront/cachePolicy:CachePolicy':
      return { id: `${slug(name)}-cache-policy` };
    case 'aws:scheduler/schedule:Schedule':
      return { id: name, arn: arn('scheduler', `schedule/default/${name}`) };
    case 'aws:cloudwatch/metricAlarm:MetricAlarm':
      return { id: given('name', name), arn: arn('cloudwatch', `alarm:${given('name', name)}`) };
    case 'aws:acm/certificate:Certificate': {
      const domains = [inputs.domainName, ...((inputs.subjectAlternativeNames as string[]) ?? [])];
      return {
        id: `${slug(name)}-certificate`,
        arn: arn('acm', `certificate/${slug(name)}`),
        domainValidationOptions: domains.map((domain) => ({
          domainName: domain,
          resourceRecordName: `_0a1b2c3d.${domain}.`,
          resourceRecordType: 'CNAME',
          resourceRecordValue: `_4e5f6a7b.acm-validations.aws.`,
        })),
      };
    }
    case 'aws:acm/certificateValidation:CertificateValidation':
      return { id: String(inputs.certificateArn), certificateArn: inputs.certificateArn };
    case 'aws:route53/record:Record':
      return { id: `${inputs.zoneId}_${inputs.name}_${inputs.type}`, fqdn: inputs.name };
    case 'random:index/randomPassword:RandomPassword': {
      // What the provider generates with `special: false`: letters and digits, `length` of them.
      const length = Number(inputs.length);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      const result = Array.from({ length }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join(
        '',
      );
      return { id: 'none', result };
    }
    case 'aws:cloudwatch/logMetricFilter:LogMetricFilter':
      return { id: given('name', name) };
    case 'pulumi-nodejs:dynamic:Resource':
      // SST's own providers, which the CLI implements; HostedZoneLookup finds the zone of
      // a domain in the account (a zone for suns.example here).
      if (name.endsWith('.sst.aws.HostedZoneLookup')) return { id: name, zoneId: HOSTED_ZONE_ID };
      return { id: name };
    case 'random:index/randomBytes:RandomBytes':
      return { id: name, base64: 'c3ltdmFsLXRlc3QtZW5jcnlwdGlvbi1rZXktMzI=', hex: '00' };
    default:
      return { id: `${name}-id`, arn: arn(type.split(':')[1]?.split('/')[0] ?? 'x', name) };
  }
}

/** Answers the provider functions SST calls, as AWS's provider would for {@link ACCOUNT}. */
function answerCall(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (token) {
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return {
        accountId: ACCOUNT,
        arn: `arn:aws:iam::${ACCOUNT}:user/deployer`,
        userId: 'AIDAEXAMPLE',
        id: ACCOUNT,
      };
    case 'aws:index/getRegion:getRegion':
      return { name: REGION, region: REGION, id: REGION, endpoint: `ec2.${REGION}.amazonaws.com` };
    case 'aws:index/getPartition:getPartition':
      return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
    case 'aws:route53/getZone:getZone': {
      // The account's one public zone, found by name or by ID.
      const wanted = inputs.zoneId ?? inputs.name;
      if (wanted !== HOSTED_ZONE_ID && wanted !== HOSTED_ZONE_NAME) {
        throw new Error(`no matching Route 53 Hosted Zone found (${JSON.stringify(inputs)})`);
      }
      return {
        id: HOSTED_ZONE_ID,
        zoneId: HOSTED_ZONE_ID,
        name: HOSTED_ZONE_NAME,
        privateZone: false,
        nameServers: ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.com'],
        arn: `arn:aws:route53:::hostedzone/${HOSTED_ZONE_ID}`,
      };
    }
    case 'aws:iam/getPolicyDocument:getPolicyDocument': {
      // The data source gives back its arguments beside the rendered document; SST reads
      // `statements` to decide whether a role gets an inline policy at all.
      const json = JSON.stringify(policyDocument(inputs));
      return { ...inputs, json, minifiedJson: json, id: String(json.length) };
    }
    default:
      throw new Error(`no mock answers the provider function ${token}`);
  }
}

interface StatementInput {
  sid?: string;
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/**
 * What `aws_iam_policy_document` renders (Terraform's data source): `effect` is `Allow`
 * (the default) or `Deny`, nothing else; a principal of type `*` is `"*"`; conditions are
 * grouped by test and variable.
 */
export function policyDocument(inputs: Record<string, unknown>): Record<string, unknown> {
  const statements = (inputs.statements ?? []) as StatementInput[];
  const one = (values: string[]) => (values.length === 1 ? values[0] : values);
  return {
    Version: '2012-10-17',
    Statement: statements.map((statement) => {
      const rendered: Record<string, unknown> = {};
      if (statement.sid) rendered.Sid = statement.sid;
      const effect = statement.effect ?? 'Allow';
      if (effect !== 'Allow' && effect !== 'Deny') {
        throw new Error(`expected effect to be one of ["Allow","Deny"], got ${effect}`);
      }
      rendered.Effect = effect;
      if (statement.actions) rendered.Action = one(statement.actions);
      if (statement.notActions) rendered.NotAction = one(statement.notActions);
      if (statement.resources) rendered.Resource = one(statement.resources);
      if (statement.principals) {
        const principal: Record<string, unknown> = {};
        for (const { type, identifiers } of statement.principals) {
          if (type === '*') {
            rendered.Principal = '*';
            continue;
          }
          principal[type] = one(identifiers);
        }
        if (Object.keys(principal).length > 0) rendered.Principal = principal;
      }
      if (statement.conditions) {
        const condition: Record<string, Record<string, unknown>> = {};
        for (const { test, variable, values } of statement.conditions) {
          condition[test] = { ...condition[test], [variable]: one(values) };
        }
        rendered.Condition = condition;
      }
      return rendered;
    }),
  };
}
