import { readFile } from 'node:fs/promises';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { createLambdaClient } from '../aws/clients.js';
import { withAwsErrors } from '../aws/errors.js';
import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Env } from '../cli/io.js';
import { indent } from '../format/index.js';
import { LOCAL_LAMBDA_ENDPOINT } from '../sources/local-stack.js';

/** A function name, partial ARN or ARN, with an optional `:qualifier`, as Lambda takes them. */
const FUNCTION_NAME = /^[A-Za-z0-9_:.$-]{1,170}$/;

async function readPayload(value: string | undefined): Promise<string> {
  if (value === undefined) return '{}';
  let text = value;
  let where = '--payload';
  if (value.startsWith('@')) {
    const path = value.slice(1);
    where = `the payload file ${JSON.stringify(path)}`;
    try {
      text = await readFile(path, 'utf8');
    } catch (cause) {
      throw new CliError('input.payload', `cannot read ${where}: ${(cause as Error).message}`, {
        hint: 'Write --payload @path/to/event.json, or the JSON itself: --payload \'{"key":"value"}\'.',
        cause,
      });
    }
  }
  try {
    JSON.parse(text);
  } catch (cause) {
    throw new CliError('input.payload', `${where} is not JSON: ${(cause as Error).message}`, {
      hint: 'Lambda takes a JSON event, e.g. --payload \'{"source":"cli"}\' (mind the shell quoting).',
      cause,
    });
  }
  return text;
}

function readEndpoint(value: string | undefined, env: Env): string | undefined {
  const endpoint = value ?? (env.SYMVAL_LAMBDA_ENDPOINT || undefined);
  if (endpoint === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const source = value === undefined ? 'SYMVAL_LAMBDA_ENDPOINT' : '--endpoint';
    throw new CliError(
      'input.endpoint',
      `${source} must be an http(s) URL, received ${JSON.stringify(endpoint)}`,
      {
        hint: `For the local stack: --endpoint ${LOCAL_LAMBDA_ENDPOINT}.`,
      },
    );
  }
  return endpoint;
}

function decodePayload(bytes: Uint8Array | undefined): { text: string; value: unknown } {
  const text = bytes ? new TextDecoder().decode(bytes) : '';
  if (text === '') return { text, value: null };
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    return { text, value: text };
  }
}

/** `symval invoke`: one synchronous Lambda invocation, on AWS or the local stack. */
export const invokeCommand = defineCommand({
  name: 'invoke',
  summary: 'Invoke a symval Lambda function, on AWS or the local stack',
  description: [
    'Invokes a function once, synchronously (RequestResponse), through the Lambda Invoke API,',
    'and prints what it returned. On AWS give the deployed function name or ARN (region and',
    'credentials as for any AWS tool); with --endpoint (or SYMVAL_LAMBDA_ENDPOINT) the request',
    `goes there instead: the local stack (pnpm dev) serves ${LOCAL_LAMBDA_ENDPOINT} for the`,
    'functions httpapi, streamer and reattestbatch. The payload is JSON, given inline or as',
    '@file (default {}). The request is sent once, never retried, since a function may not be',
    'safe to run twice.',
  ].join('\n'),
  options: {
    payload: {
      type: 'string',
      value: '<json|@file>',
      description: 'The event, as JSON or @path to a JSON file (default {})',
    },
    endpoint: {
      type: 'string',
      value: '<url>',
      description: `The Lambda API to call (default SYMVAL_LAMBDA_ENDPOINT, else AWS), e.g. ${LOCAL_LAMBDA_ENDPOINT}`,
    },
    logs: {
      type: 'boolean',
      description: "Print the end of the function's log (LogType Tail) on stderr",
    },
  },
  operands: { name: 'function', description: 'the function name or ARN', min: 1, max: 1 },
  examples: [
    {
      command: `symval invoke reattestbatch --endpoint ${LOCAL_LAMBDA_ENDPOINT}`,
      description: 'run the re-attestation once on the local stack',
    },
    {
      command: `symval invoke httpapi --endpoint ${LOCAL_LAMBDA_ENDPOINT} --payload @events/health.json --json`,
      description: 'send an API Gateway event from a file, the result as JSON',
    },
    {
      command: 'AWS_REGION=eu-west-1 symval invoke symval-production-ReattestBatch --logs',
      description: 'the deployed function, with the end of its log',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'the function ran and returned'],
    [ExitCode.negative, 'the function reported an error (FunctionError: Unhandled or Handled)'],
    [ExitCode.usage, 'a bad payload, endpoint or name; no such function'],
    [ExitCode.indeterminate, 'the invocation failed (network, credentials, throttling)'],
  ],
  async run({ operands, options }, context) {
    const name = operands[0]!;
    if (!FUNCTION_NAME.test(name)) {
      throw new CliError(
        'input.function',
        `not a Lambda function name or ARN: ${JSON.stringify(name)}`,
        {
          hint: 'Give a name such as reattestbatch (local stack) or the deployed name or ARN.',
        },
      );
    }
    const payload = await readPayload(options.payload);
    const endpoint = readEndpoint(options.endpoint, context.env);
    const client = createLambdaClient(context.env, endpoint);
    const where =
      endpoint ?? `AWS Lambda${context.env.AWS_REGION ? ` ${context.env.AWS_REGION}` : ''}`;
    try {
      const output = await withAwsErrors(
        {
          what: `function ${JSON.stringify(name)}`,
          where,
          fix: 'Check the function name (on AWS the deployed name, e.g. from sst deploy output; locally httpapi, streamer or reattestbatch)',
        },
        () =>
          client.send(
            new InvokeCommand({
              FunctionName: name,
              InvocationType: 'RequestResponse',
              Payload: new TextEncoder().encode(payload),
              ...(options.logs ? { LogType: 'Tail' as const } : {}),
            }),
          ),
      );
      const result = decodePayload(output.Payload);
      const logs = output.LogResult
        ? Buffer.from(output.LogResult, 'base64').toString('utf8')
        : undefined;
      if (logs !== undefined) context.note(`--- log tail of ${name} ---\n${logs.trimEnd()}\n---`);
      const failed = output.FunctionError !== undefined;
      const pretty =
        typeof result.value === 'string' || result.value === null
          ? result.text
          : JSON.stringify(result.value, null, 2);
      return {
        exitCode: failed ? ExitCode.negative : ExitCode.ok,
        json: {
          function: name,
          endpoint: endpoint ?? null,
          statusCode: output.StatusCode ?? null,
          functionError: output.FunctionError ?? null,
          executedVersion: output.ExecutedVersion ?? null,
          payload: result.value,
          ...(logs !== undefined ? { logs } : {}),
        },
        human: (style) =>
          failed
            ? `${style.red(`${name} reported an error (${output.FunctionError})`)}:\n${indent(pretty)}`
            : pretty,
      };
    } finally {
      client.destroy();
    }
  },
});
