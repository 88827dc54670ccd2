import { FaultError, rejectUnknownKeys } from '../errors.js';
import { globToRegExp, isGlob } from '../glob.js';
import { type CompiledRule, compileTiming, TIMING_KEYS } from '../schedule.js';
import { DYNAMODB_ERRORS, S3_ERRORS } from './error-shapes.js';
import { DYNAMODB_OPERATIONS, type HttpRequestInfo, S3_OPERATIONS } from './request-kind.js';
import type { FaultProxyKind, HttpFault, HttpFaultRule, HttpRequestMatch } from './types.js';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS'];
const FAULT_KEYS: Record<HttpFault['type'], readonly string[]> = {
  error: ['type', 'code', 'status', 'message', 'headers', 'forward', 'delayMs'],
  reset: ['type', 'at', 'delayMs'],
  timeout: ['type', 'at'],
  latency: ['type', 'ms'],
};

type Matcher = (request: HttpRequestInfo) => boolean;

function invalid(where: string, message: string): FaultError {
  return new FaultError('faults.invalid-rule', `${where}${message}`);
}

function operationMatcher(pattern: string, kind: FaultProxyKind, where: string): Matcher {
  // `DynamoDB_20120810.PutItem` names the same operation as `PutItem`.
  const name = kind === 'dynamodb' ? pattern.slice(pattern.lastIndexOf('.') + 1) : pattern;
  const known = kind === 'dynamodb' ? DYNAMODB_OPERATIONS : S3_OPERATIONS;
  if (!isGlob(name) && !known.includes(name)) {
    throw invalid(
      where,
      `: '${pattern}' is not ${kind === 'dynamodb' ? 'a DynamoDB' : 'an S3'} operation; known: ${known.join(', ')}`,
    );
  }
  const re = globToRegExp(name);
  return (request) => re.test(request.kind);
}

function compileMatch(
  match: string | HttpRequestMatch,
  kind: FaultProxyKind,
  where: string,
): Matcher {
  if (typeof match === 'string') {
    const [first = '', key, extra] = match.trim().split(/\s+/);
    if (extra !== undefined) throw invalid(where, `: '${match}' has more than two parts`);
    const object: HttpRequestMatch = {};
    if (METHODS.includes(first)) object.method = first;
    else if (first !== '*') object.operation = first;
    if (key !== undefined) object.key = key;
    return compileMatch(object, kind, where);
  }
  if (typeof match !== 'object' || match === null) {
    throw invalid(where, ': give a string or { operation, method, bucket, key }');
  }
  rejectUnknownKeys(match, ['operation', 'method', 'bucket', 'key'], where, 'faults.invalid-rule');
  if (kind === 'dynamodb' && (match.bucket !== undefined || match.key !== undefined)) {
    throw invalid(where, ': `bucket` and `key` are for S3; DynamoDB requests match by operation');
  }
  const tests: Matcher[] = [];
  if (match.operation !== undefined) {
    tests.push(operationMatcher(match.operation, kind, `${where}.operation`));
  }
  if (match.method !== undefined) {
    const re = globToRegExp(match.method.toUpperCase());
    tests.push((request) => re.test(request.method));
  }
  if (match.bucket !== undefined) {
    const re = globToRegExp(match.bucket);
    tests.push((request) => request.bucket !== undefined && re.test(request.bucket));
  }
  if (match.key !== undefined) {
    const re = globToRegExp(match.key);
    tests.push((request) => request.key !== undefined && re.test(request.key));
  }
  return (request) => tests.every((test) => test(request));
}

function checkDelay(value: unknown, where: string): void {
  if (
    value !== undefined &&
    (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value))
  ) {
    throw invalid(where, `: ${String(value)} is not a number of milliseconds (0 or more)`);
  }
}

/** Checks a fault and returns its label for the log and stats. */
function checkFault(fault: HttpFault, kind: FaultProxyKind, where: string): string {
  if (typeof fault !== 'object' || fault === null || !(fault.type in FAULT_KEYS)) {
    throw invalid(where, `.type: give one of ${Object.keys(FAULT_KEYS).join(', ')}`);
  }
  rejectUnknownKeys(fault, FAULT_KEYS[fault.type], where, 'faults.invalid-rule');
  switch (fault.type) {
    case 'error': {
      const known = kind === 'dynamodb' ? DYNAMODB_ERRORS : S3_ERRORS;
      if (typeof fault.code !== 'string' || fault.code === '') {
        throw invalid(where, `.code: give an error code such as ${Object.keys(known).join(', ')}`);
      }
      if (!(fault.code in known) && fault.status === undefined) {
        throw invalid(
          where,
          `.code: '${fault.code}' has no known status; known codes: ${Object.keys(known).join(', ')}, or give \`status\``,
        );
      }
      if (
        fault.status !== undefined &&
        (!Number.isInteger(fault.status) || fault.status < 200 || fault.status > 599)
      ) {
        throw invalid(
          where,
          `.status: ${String(fault.status)} is not an HTTP status from 200 to 599`,
        );
      }
      if (fault.message !== undefined && typeof fault.message !== 'string') {
        throw invalid(where, '.message: give a string');
      }
      if (fault.headers !== undefined) {
        for (const [name, value] of Object.entries(fault.headers)) {
          if (typeof value !== 'string') throw invalid(where, `.headers.${name}: give a string`);
        }
      }
      checkDelay(fault.delayMs, `${where}.delayMs`);
      return fault.forward ? `${fault.code}@response` : fault.code;
    }
    case 'reset': {
      const at = fault.at ?? 'request';
      if (!['request', 'response', 'body'].includes(at)) {
        throw invalid(where, `.at: '${at}' is not one of request, response, body`);
      }
      checkDelay(fault.delayMs, `${where}.delayMs`);
      return at === 'request' ? 'reset' : `reset@${at}`;
    }
    case 'timeout': {
      const at = fault.at ?? 'request';
      if (!['request', 'response'].includes(at)) {
        throw invalid(where, `.at: '${at}' is not one of request, response`);
      }
      return at === 'request' ? 'timeout' : `timeout@${at}`;
    }
    case 'latency':
      if (fault.ms === undefined)
        throw invalid(where, '.ms: give the added latency in milliseconds');
      checkDelay(fault.ms, `${where}.ms`);
      return 'latency';
  }
}

/** Checks HTTP fault rules and compiles them for the schedule; throws `faults.invalid-rule`. */
export function compileHttpRules(
  rules: readonly HttpFaultRule[],
  kind: FaultProxyKind,
): CompiledRule<HttpRequestInfo, HttpFault>[] {
  if (!Array.isArray(rules)) throw invalid('rules', ': give an array of rules');
  return rules.map((rule, index) => {
    const where = `rules[${index}]`;
    if (typeof rule !== 'object' || rule === null) throw invalid(where, ': give a rule object');
    rejectUnknownKeys(rule, ['match', 'fault', ...TIMING_KEYS], where, 'faults.invalid-rule');
    const patterns: ReadonlyArray<string | HttpRequestMatch> =
      rule.match === undefined
        ? ['*']
        : Array.isArray(rule.match)
          ? rule.match
          : [rule.match as string | HttpRequestMatch];
    const matchers = patterns.map((pattern, i) =>
      compileMatch(
        pattern,
        kind,
        Array.isArray(rule.match) ? `${where}.match[${i}]` : `${where}.match`,
      ),
    );
    const label = checkFault(rule.fault, kind, `${where}.fault`);
    return {
      matches: (request) => matchers.some((matcher) => matcher(request)),
      fault: rule.fault,
      label,
      ...compileTiming(rule, where),
    };
  });
}
