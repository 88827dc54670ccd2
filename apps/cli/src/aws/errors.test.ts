import { describe, expect, it } from 'vitest';
import { CliError } from '../cli/errors.js';
import { explainAwsError } from './errors.js';

const target = { what: 'DynamoDB table "t"', where: 'http://127.0.0.1:8000', fix: 'Check --table' };

function sdkError(name: string, status: number, message = name) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('explainAwsError', () => {
  it.each([
    [
      sdkError('ResourceNotFoundException', 400, 'Cannot do operations on a non-existent table'),
      'aws.not-found',
      2,
    ],
    [sdkError('AccessDeniedException', 400), 'aws.denied', 3],
    [sdkError('ThrottlingException', 400), 'aws.request', 3],
    [
      Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' }),
      'aws.credentials',
      3,
    ],
    [new Error('Region is missing'), 'aws.region', 2],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      'aws.unreachable',
      3,
    ],
  ])('maps %s to %s with exit code %i', (error, code, exitCode) => {
    const explained = explainAwsError(error, target);
    expect(explained).toBeInstanceOf(CliError);
    expect((explained as CliError).code).toBe(code);
    expect((explained as CliError).exitCode).toBe(exitCode);
    expect((explained as CliError).message).toMatch(
      /^DynamoDB table "t" at http:\/\/127\.0\.0\.1:8000: /,
    );
  });

  it('finds a network code in a cause, as fetch-based handlers nest it', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }),
    });
    expect((explainAwsError(error, target) as CliError).code).toBe('aws.unreachable');
  });

  it('leaves other errors alone: bugs stay bugs', () => {
    const bug = new TypeError('undefined is not a function');
    expect(explainAwsError(bug, target)).toBe(bug);
  });
});
