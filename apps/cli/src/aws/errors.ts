import { DynamiteError } from '@symval/records';
import { CliError, type CliErrorCode } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';

/** What a request was for, so the message can name it: `DynamoDB table "domains"`. */
export interface AwsTarget {
  /** E.g. `DynamoDB table "symval-domains"`. */
  what: string;
  /** Where it was asked: an endpoint, or `AWS` with the region. */
  where: string;
  /** How to name it correctly, e.g. `Check --table or DOMAIN_TABLE_NAME`. */
  fix: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NoSuchKey',
  'NoSuchBucket',
  'NotFound',
  'TableNotFoundException',
]);
const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ForbiddenException',
]);

interface ErrorFacts {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The network error code of an error or of one of its causes. */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const facts = error as ErrorFacts;
  if (facts.code && NETWORK_CODES.has(facts.code)) return facts.code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const code = networkCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return networkCode(facts.cause, depth + 1);
}

function classify(error: unknown): { code: CliErrorCode; exitCode: number } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const facts = error as ErrorFacts;
  const name = facts.name ?? '';
  if (NOT_FOUND.has(name) || facts.$metadata?.httpStatusCode === 404) {
    return { code: 'aws.not-found', exitCode: ExitCode.usage };
  }
  if (DENIED.has(name) || facts.$metadata?.httpStatusCode === 403) {
    return { code: 'aws.denied', exitCode: ExitCode.indeterminate };
  }
  if (name === 'CredentialsProviderError') {
    return { code: 'aws.credentials', exitCode: ExitCode.indeterminate };
  }
  if (/region is missing/i.test(facts.message ?? '')) {
    return { code: 'aws.region', exitCode: ExitCode.usage };
  }
  if (networkCode(error) || name === 'TimeoutError') {
    return { code: 'aws.unreachable', exitCode: ExitCode.indeterminate };
  }
  if (facts.$metadata) return { code: 'aws.request', exitCode: ExitCode.indeterminate };
  return undefined;
}

const HINTS: Partial<Record<CliErrorCode, (target: AwsTarget) => string>> = {
  'aws.not-found': (t) => `${t.fix}; and check the region or endpoint (${t.where}).`,
  'aws.denied': () =>
    'The credentials in use may not do this: check AWS_PROFILE or the access keys, and their IAM policy.',
  'aws.credentials': () =>
    'Set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (any values for a local endpoint).',
  'aws.region': () => 'Set AWS_REGION (e.g. AWS_REGION=eu-west-1), or an endpoint for local use.',
  'aws.unreachable': (t) =>
    `Nothing answered at ${t.where}: is the local stack running (pnpm dev), or the endpoint variable right? Try again.`,
  'aws.request': () => 'AWS refused the request; the message above says why. Try again later.',
};

/**
 * Turns an AWS SDK failure (not found, denied, no credentials or region, network) into a
 * {@link CliError} that names the resource and says what to do; anything else is returned as
 * it is (bugs stay bugs). A DynamoDB item that does not match the records schema becomes
 * `records.invalid-item`.
 */
export function explainAwsError(error: unknown, target: AwsTarget): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof DynamiteError && error.code === 'schema.invalid') {
    return new CliError(
      'records.invalid-item',
      `a stored item of ${target.what} does not match the records schema: ${error.message}`,
      {
        exitCode: ExitCode.indeterminate,
        hint: 'Inspect the item (aws dynamodb get-item) and repair or delete it; symval cannot read it as a record.',
        cause: error,
      },
    );
  }
  const kind = classify(error);
  if (!kind) return error;
  const facts = error as ErrorFacts;
  const detail = facts.message || facts.name || String(error);
  const code = networkCode(error);
  return new CliError(
    kind.code,
    `${target.what} at ${target.where}: ${code && !detail.includes(code) ? `${code}: ` : ''}${detail}`,
    {
      exitCode: kind.exitCode as CliError['exitCode'],
      hint: HINTS[kind.code]?.(target) ?? target.fix,
      cause: error,
    },
  );
}

/**
 * Runs `work`, turning AWS failures into {@link CliError}s about `target`.
 *
 * @example
 * const item = await withAwsErrors(target, () => records.as(publicViewer()).get(key));
 */
export async function withAwsErrors<T>(target: AwsTarget, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw explainAwsError(error, target);
  }
}
