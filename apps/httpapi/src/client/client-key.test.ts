import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../app/env.js';
import { createMemoryLogger } from '../observability/logger.js';
import { createClientKey, ROUTER_SECRET_HEADER, VIEWER_ADDRESS_HEADER } from './client-key.js';

const SECRET = 'Qw3rTy7uIo9pAs1dFg5hJk2lZx8cVb4n';
const NEXT = 'Mn6bVc1xZl9kJh3gFd7sAp2oIu5yTr8e';

// A one-route app that answers the key, reached as API Gateway would call it.
function keyOf(options: Parameters<typeof createClientKey>[0]) {
  const logger = createMemoryLogger();
  const clientKey = createClientKey(options);
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('log', logger);
    await next();
  });
  app.get('/', (c) => c.text(clientKey(c)));
  const ask = async (headers: Record<string, string>, sourceIp = '130.176.1.10') =>
    (
      await app.request(
        '/',
        { headers },
        {
          event: { requestContext: { http: { sourceIp } } } as never,
        },
      )
    ).text();
  return { ask, logger };
}

describe('createClientKey', () => {
  it('keys a request carrying the Router secret on the viewer CloudFront names', async () => {
    const { ask } = keyOf({ routerSecrets: [SECRET] });
    expect(
      await ask({ [ROUTER_SECRET_HEADER]: SECRET, [VIEWER_ADDRESS_HEADER]: '198.51.100.7:50123' }),
    ).toBe('198.51.100.7');
    expect(
      await ask({
        [ROUTER_SECRET_HEADER]: SECRET,
        [VIEWER_ADDRESS_HEADER]: '2001:db8:5:6:7:8:9:a:443',
      }),
    ).toBe('2001:db8:5:6::/64');
  });

  it('accepts either secret during a rotation', async () => {
    const { ask } = keyOf({ routerSecrets: [SECRET, NEXT] });
    for (const secret of [SECRET, NEXT]) {
      expect(
        await ask({ [ROUTER_SECRET_HEADER]: secret, [VIEWER_ADDRESS_HEADER]: '203.0.113.4:1' }),
      ).toBe('203.0.113.4');
    }
  });

  it('keys anything else on the source address, whatever it claims', async () => {
    const { ask, logger } = keyOf({ routerSecrets: [SECRET] });
    const claims = { [VIEWER_ADDRESS_HEADER]: '198.51.100.7:1', 'x-forwarded-for': '198.51.100.7' };
    expect(await ask(claims)).toBe('130.176.1.10');
    expect(await ask({ ...claims, [ROUTER_SECRET_HEADER]: `${SECRET}x` })).toBe('130.176.1.10');
    expect(await ask({ ...claims, [ROUTER_SECRET_HEADER]: SECRET.slice(0, -1) })).toBe(
      '130.176.1.10',
    );
    expect(logger.lines.map((line) => line.message)).toEqual([
      'router secret did not match; keyed on the source address',
      'router secret did not match; keyed on the source address',
    ]);
  });

  it('trusts no viewer address when no secret is configured', async () => {
    const { ask, logger } = keyOf({});
    expect(
      await ask({ [ROUTER_SECRET_HEADER]: '', [VIEWER_ADDRESS_HEADER]: '198.51.100.7:1' }),
    ).toBe('130.176.1.10');
    expect(logger.lines).toEqual([]);
  });

  it('falls back to the source address, with a warning, when the Router sends no usable viewer address', async () => {
    const { ask, logger } = keyOf({ routerSecrets: [SECRET] });
    expect(await ask({ [ROUTER_SECRET_HEADER]: SECRET })).toBe('130.176.1.10');
    expect(
      await ask({ [ROUTER_SECRET_HEADER]: SECRET, [VIEWER_ADDRESS_HEADER]: 'not-an-address' }),
    ).toBe('130.176.1.10');
    expect(logger.lines.map((line) => [line.message, line.viewerAddress])).toEqual([
      ['router request without a usable CloudFront-Viewer-Address', null],
      ['router request without a usable CloudFront-Viewer-Address', 'not-an-address'],
    ]);
  });

  it('counts an IPv6 source by its /64 and an IPv4-mapped one as IPv4', async () => {
    const { ask } = keyOf({});
    expect(await ask({}, '2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(await ask({}, '::ffff:203.0.113.9')).toBe('203.0.113.9');
  });
});
