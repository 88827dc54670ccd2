import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJsonLogger } from './logger.js';
import { createEmfMetrics } from './metrics.js';

function captureStdout(): { lines: () => unknown[] } {
  const chunks: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  return {
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line)),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createJsonLogger', () => {
  it('writes one JSON object per line with the service, level and attributes', () => {
    const out = captureStdout();
    const logger = createJsonLogger({ serviceName: 'httpapi-test', logLevel: 'INFO' });
    logger.info('attest', { requestId: 'r-1', status: 'valid' });
    logger.debug('hidden below INFO');
    expect(out.lines()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'attest',
        service: 'httpapi-test',
        requestId: 'r-1',
        status: 'valid',
        timestamp: expect.any(String),
      }),
    ]);
  });
});

describe('createEmfMetrics', () => {
  it('publishes each attestation as an EMF line with its status dimension', () => {
    const out = captureStdout();
    const metrics = createEmfMetrics({ namespace: 'symval-test', serviceName: 'httpapi' });
    metrics.attest('valid', 12.5);
    metrics.attest('indeterminate', 3);
    const [first, second] = out.lines() as Array<Record<string, unknown>>;
    expect(first).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'symval-test',
            Dimensions: [['service', 'status']],
            Metrics: [
              { Name: 'Attestations', Unit: 'Count' },
              { Name: 'AttestDuration', Unit: 'Milliseconds' },
            ],
          },
        ],
      },
      service: 'httpapi',
      status: 'valid',
      Attestations: 1,
      AttestDuration: 12.5,
    });
    // Dimensions do not leak from one publication into the next.
    expect(second).toMatchObject({ status: 'indeterminate', AttestDuration: 3 });
    expect(out.lines()).toHaveLength(2);
  });
});
