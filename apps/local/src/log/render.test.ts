import { describe, expect, it } from 'vitest';
import { createLogRenderer, PROBE_REQUEST_ID } from './render.js';

const powertools = (service: string, fields: Record<string, unknown>) =>
  JSON.stringify({
    level: 'INFO',
    timestamp: '2026-12-01T22:43:58.572Z',
    service,
    sampling_rate: 0,
    ...fields,
  });

describe('createLogRenderer', () => {
  it('prints one line per request, with what the route logged for it (the attest outcome)', () => {
    const renderer = createLogRenderer();
    expect(
      renderer.render(
        powertools('httpapi', {
          message: 'attest',
          groupId: 'v1:a:x=:y=',
          status: 'invalid',
          reasons: ['missing-claim'],
          durationMs: 20,
          requestId: 'r-1',
        }),
      ),
    ).toEqual([]);
    expect(
      renderer.render(
        powertools('httpapi', {
          message: 'request',
          method: 'POST',
          path: '/api/v1/attest',
          status: 200,
          durationMs: 52.5,
          requestId: 'r-1',
        }),
      ),
    ).toEqual(['[api]      POST /api/v1/attest 200 52.5 ms: invalid (missing-claim) v1:a:x=:y=']);
    expect(
      renderer.render(
        powertools('httpapi', {
          message: 'request',
          method: 'GET',
          path: '/api/v1/health',
          status: 200,
          durationMs: 0.7,
          requestId: 'r-2',
        }),
      ),
    ).toEqual(['[api]      GET /api/v1/health 200 0.7 ms']);
  });

  it("leaves out the stack's own readiness probes", () => {
    const renderer = createLogRenderer();
    const probe = powertools('httpapi', {
      message: 'request',
      method: 'GET',
      path: '/api/v1/health',
      status: 200,
      durationMs: 1,
      requestId: PROBE_REQUEST_ID,
    });
    expect(renderer.render(probe)).toEqual([]);
  });

  it('prints a stream batch as counts and the snapshot it published', () => {
    const line = powertools('streamer', {
      message: 'stream batch applied',
      records: 3,
      applied: 3,
      skipped: 0,
      undecodable: 0,
      published: true,
      items: 4,
      bytes: 1126,
      durationMs: 283,
    });
    expect(createLogRenderer().render(line)).toEqual([
      '[stream]   3 records: 3 applied; snapshot published: 4 member records, 1.1 kB (283 ms)',
    ]);
    const unchanged = powertools('streamer', {
      message: 'stream batch applied',
      records: 1,
      applied: 0,
      skipped: 1,
      published: false,
      durationMs: 9,
    });
    expect(createLogRenderer().render(unchanged)).toEqual([
      '[stream]   1 record: 0 applied, 1 skipped; snapshot unchanged (9 ms)',
    ]);
  });

  it('marks warnings and errors, with their fields, and drops Lambda context fields', () => {
    const line = JSON.stringify({
      level: 'WARN',
      message: 'rate limited',
      service: 'httpapi',
      cold_start: false,
      function_name: 'httpapi',
      route: 'attest',
      retryAfterSeconds: 30,
      requestId: 'r-3',
    });
    expect(createLogRenderer().render(line)).toEqual([
      '[api]      warning: rate limited route=attest retryAfterSeconds=30',
    ]);
    const error = JSON.stringify({
      level: 'ERROR',
      message: 'write failed',
      service: 'x',
      key: 'a b',
    });
    expect(createLogRenderer().render(error)).toEqual(['[x]        error: write failed key="a b"']);
  });

  it("drops metric lines and the batch's start and end (the stack prints a summary)", () => {
    const renderer = createLogRenderer();
    expect(
      renderer.render('{"_aws":{"Timestamp":1},"service":"httpapi","Attestations":1}'),
    ).toEqual([]);
    expect(
      renderer.render(powertools('reattestbatch', { message: 're-attestation started' })),
    ).toEqual([]);
    expect(
      renderer.render(
        powertools('reattestbatch', { message: 're-attestation finished', groups: 2 }),
      ),
    ).toEqual([]);
  });

  it('passes other lines through unchanged', () => {
    const renderer = createLogRenderer();
    for (const line of [
      '[local]    ready in 3.0 s',
      '{not json',
      '{"a":1}',
      'curl -s …',
      '[1,2]',
    ]) {
      expect(renderer.render(line)).toEqual([line]);
    }
  });
});
