import { describe, expect, it } from 'vitest';
import { compileDnsRules } from './dns/rules.js';
import { FaultError } from './errors.js';
import type { HttpRequestInfo } from './http/request-kind.js';
import { compileHttpRules } from './http/rules.js';
import type { HttpFault, HttpFaultRule } from './http/types.js';
import { draw } from './random.js';
import { FaultSchedule } from './schedule.js';

const THROTTLE: HttpFault = { type: 'error', code: 'ThrottlingException' };

function scheduleFor(rules: HttpFaultRule[], seed = 1234) {
  const schedule = new FaultSchedule<HttpRequestInfo, HttpFault>(seed);
  schedule.setRules(compileHttpRules(rules, 'dynamodb'));
  return schedule;
}

const request = (kind: string): HttpRequestInfo => ({ kind, method: 'POST' });

/** The faults a sequence of request kinds gets, as `kind#n:fault` strings. */
function run(schedule: FaultSchedule<HttpRequestInfo, HttpFault>, kinds: string[]): string[] {
  const hits: string[] = [];
  for (const kind of kinds) {
    const decision = schedule.decide(request(kind));
    if (decision) hits.push(`${kind}#${decision.entry.kindSeq}:${decision.entry.fault}`);
  }
  return hits;
}

describe('draw', () => {
  it('is fixed by its inputs and changes with each of them', () => {
    expect(draw(1, 0, 'PutItem', 1)).toBe(draw(1, 0, 'PutItem', 1));
    const base = draw(1, 0, 'PutItem', 1);
    expect(
      new Set([
        base,
        draw(2, 0, 'PutItem', 1),
        draw(1, 1, 'PutItem', 1),
        draw(1, 0, 'GetItem', 1),
        draw(1, 0, 'PutItem', 2),
      ]).size,
    ).toBe(5);
  });

  it('spreads evenly enough over [0, 1) for probabilities to mean what they say', () => {
    const buckets = new Array(10).fill(0);
    for (let n = 1; n <= 20_000; n++) buckets[Math.floor(draw(99, 0, 'PutItem', n) * 10)] += 1;
    for (const count of buckets) {
      expect(count).toBeGreaterThan(1_800);
      expect(count).toBeLessThan(2_200);
    }
  });
});

describe('FaultSchedule', () => {
  it('fires on the nth requests of a kind, counted per kind', () => {
    const schedule = scheduleFor([{ match: '*', nth: [2], fault: THROTTLE }]);
    expect(run(schedule, ['PutItem', 'GetItem', 'PutItem', 'GetItem', 'PutItem'])).toEqual([
      'PutItem#2:ThrottlingException',
      'GetItem#2:ThrottlingException',
    ]);
  });

  it('accepts a test for nth', () => {
    const schedule = scheduleFor([{ match: 'PutItem', nth: (n) => n % 3 === 0, fault: THROTTLE }]);
    expect(run(schedule, Array(7).fill('PutItem'))).toEqual([
      'PutItem#3:ThrottlingException',
      'PutItem#6:ThrottlingException',
    ]);
  });

  it('gives the same faults for the same seed, and others for another seed', () => {
    const kinds = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 'GetItem' : 'PutItem'));
    const rules: HttpFaultRule[] = [{ match: '*', probability: 0.3, fault: THROTTLE }];
    const first = run(scheduleFor(rules, 1234), kinds);
    expect(run(scheduleFor(rules, 1234), kinds)).toEqual(first);
    expect(run(scheduleFor(rules, 4321), kinds)).not.toEqual(first);
    expect(first.length).toBeGreaterThan(30);
    expect(first.length).toBeLessThan(90);
  });

  it('keeps each kind’s faults whatever the order between kinds', () => {
    const rules: HttpFaultRule[] = [{ match: '*', probability: 0.4, fault: THROTTLE }];
    const puts = Array(40).fill('PutItem');
    const gets = Array(40).fill('GetItem');
    const apart = run(scheduleFor(rules), [...puts, ...gets]);
    const interleaved = run(
      scheduleFor(rules),
      puts.flatMap((put, i) => [put, gets[i]]),
    );
    expect([...interleaved].sort()).toEqual([...apart].sort());
  });

  it('lets the first rule that fires win while later rules still count the request', () => {
    const schedule = scheduleFor([
      { match: 'PutItem', nth: [1], fault: THROTTLE },
      { match: 'PutItem', nth: [1, 2], fault: { type: 'reset' } },
    ]);
    // Request 1: both fire, the first wins. Request 2: only the second rule fires (its count is 2).
    expect(run(schedule, ['PutItem', 'PutItem', 'PutItem'])).toEqual([
      'PutItem#1:ThrottlingException',
      'PutItem#2:reset',
    ]);
  });

  it('stops a rule after its limit', () => {
    const schedule = scheduleFor([{ match: 'PutItem', probability: 1, limit: 2, fault: THROTTLE }]);
    expect(run(schedule, Array(5).fill('PutItem'))).toHaveLength(2);
  });

  it('starts the counts again when the rules are replaced, keeping the log and the request numbers', () => {
    const rules: HttpFaultRule[] = [{ match: 'PutItem', nth: [1], fault: THROTTLE }];
    const schedule = scheduleFor(rules);
    run(schedule, ['PutItem', 'PutItem']);
    schedule.setRules(compileHttpRules(rules, 'dynamodb'));
    expect(run(schedule, ['PutItem'])).toEqual(['PutItem#3:ThrottlingException']);
    expect(schedule.log.map((entry) => [entry.seq, entry.ruleSeq])).toEqual([
      [1, 1],
      [3, 1],
    ]);
  });

  it('counts requests and injections per kind and per fault, and explains each injection', () => {
    const schedule = scheduleFor([
      { match: 'PutItem', nth: [2], fault: THROTTLE },
      { match: 'GetItem', nth: [1], fault: { type: 'reset', at: 'response' } },
    ]);
    run(schedule, ['PutItem', 'PutItem', 'GetItem', 'Query']);
    expect(schedule.stats()).toEqual({
      seed: 1234,
      requests: 4,
      injected: 2,
      byKind: {
        PutItem: { requests: 2, injected: 1, faults: { ThrottlingException: 1 } },
        GetItem: { requests: 1, injected: 1, faults: { 'reset@response': 1 } },
        Query: { requests: 1, injected: 0, faults: {} },
      },
      byFault: { ThrottlingException: 1, 'reset@response': 1 },
    });
    expect(schedule.describe()).toBe(
      [
        'seed 1234: request #2 PutItem (#2 of its kind) got ThrottlingException',
        'seed 1234: request #3 GetItem (#1 of its kind) got reset@response',
      ].join('\n'),
    );
  });

  it('says so when nothing was injected', () => {
    const schedule = scheduleFor([]);
    run(schedule, ['PutItem']);
    expect(schedule.describe()).toBe('seed 1234: no faults injected in 1 requests');
  });
});

describe('rule checks', () => {
  const messageOf = (rules: unknown, kind: 'dynamodb' | 's3' = 'dynamodb') => {
    try {
      compileHttpRules(rules as HttpFaultRule[], kind);
      return 'accepted';
    } catch (error) {
      expect(error).toBeInstanceOf(FaultError);
      expect((error as FaultError).code).toBe('faults.invalid-rule');
      return (error as Error).message;
    }
  };

  it('names the rule and the field, and what is allowed', () => {
    expect(messageOf([{ match: 'PutItem', fault: THROTTLE }])).toBe(
      'rules[0]: give `probability` (0 to 1) or `nth` (which requests of a kind), or both',
    );
    expect(messageOf([{ probability: 2, fault: THROTTLE }])).toBe(
      'rules[0].probability: 2 is not a number from 0 to 1',
    );
    expect(messageOf([{ nth: [0], fault: THROTTLE }])).toBe(
      'rules[0].nth: 0 is not a count (an integer from 1)',
    );
    expect(messageOf([{ nth: [1], fault: { type: 'latency' } }])).toBe(
      'rules[0].fault.ms: give the added latency in milliseconds',
    );
    expect(messageOf([{ nth: [1], fault: { type: 'reset', at: 'later' } }])).toBe(
      "rules[0].fault.at: 'later' is not one of request, response, body",
    );
    expect(messageOf([{ nth: [1], fault: THROTTLE, chance: 1 }])).toBe(
      "rules[0]: unknown key 'chance'; allowed: match, fault, probability, nth, limit",
    );
  });

  it('rejects operations the SDK does not have, so a typo cannot silently match nothing', () => {
    expect(messageOf([{ match: 'PutItems', nth: [1], fault: THROTTLE }])).toMatch(
      /^rules\[0\]\.match\.operation: 'PutItems' is not a DynamoDB operation; known: .*PutItem,/,
    );
    expect(messageOf([{ match: ['PutItem', 'GetRecord'], nth: [1], fault: THROTTLE }])).toMatch(
      /^rules\[0\]\.match\[1\]\.operation: 'GetRecord' is not a DynamoDB operation/,
    );
    expect(
      messageOf([{ match: 'DynamoDBStreams_20120810.GetRecords', nth: [1], fault: THROTTLE }]),
    ).toBe('accepted');
    expect(messageOf([{ match: 'Transact*', nth: [1], fault: THROTTLE }])).toBe('accepted');
    expect(
      messageOf([{ match: 'PutObj', nth: [1], fault: { type: 'error', code: 'SlowDown' } }], 's3'),
    ).toMatch(/is not an S3 operation/);
  });

  it('wants a status for error codes it does not know', () => {
    expect(messageOf([{ nth: [1], fault: { type: 'error', code: 'SlowDown' } }])).toMatch(
      /^rules\[0\]\.fault\.code: 'SlowDown' has no known status; known codes: ProvisionedThroughputExceededException, /,
    );
    expect(
      messageOf([{ nth: [1], fault: { type: 'error', code: 'ValidationException', status: 400 } }]),
    ).toBe('accepted');
  });

  it('keeps keys for S3 and checks DNS rules the same way', () => {
    expect(messageOf([{ match: { key: 'records/*' }, nth: [1], fault: THROTTLE }])).toBe(
      'rules[0].match: `bucket` and `key` are for S3; DynamoDB requests match by operation',
    );
    expect(() => compileDnsRules([{ match: 'TXT _suns.*', fault: { type: 'servfail' } }])).toThrow(
      'rules[0]: give `probability` (0 to 1) or `nth` (which requests of a kind), or both',
    );
    expect(() =>
      compileDnsRules([{ match: { type: 'TEXT' }, nth: [1], fault: { type: 'servfail' } }]),
    ).toThrow("rules[0].match.type: 'TEXT' is not a record type");
  });
});
