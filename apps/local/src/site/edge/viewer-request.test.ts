// The redirect rules (apps/web/edge/viewer-request.js) over every URL of the club's first site,
// run as CloudFront runs them: the real file, its settings line replaced, evaluated in a context
// of its own, called with viewer-request events in CloudFront's shape.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CloudFrontEvent } from './cloudfront-event.js';
import { type EdgeSettings, viewerRequestFile, withSettings } from './settings.js';
import { evaluateViewerRequest } from './viewer-request.js';

const CLUB: EdgeSettings = {
  mainHost: 'zq.suns.example',
  redirectHosts: ['suns.example'],
  scheme: 'https',
};
const OWNER_PAGE = '//:sd%CA%87%CA%87%C9%A5'; // //:sdʇʇɥ as a browser sends it

function rules(settings: EdgeSettings = CLUB) {
  return evaluateViewerRequest(withSettings(readFileSync(viewerRequestFile(), 'utf8'), settings));
}

function event(
  uri: string,
  options: { host?: string; query?: string; method?: string } = {},
): CloudFrontEvent {
  const raw = options.query;
  const querystring: Record<string, { value: string }> = {};
  for (const part of (raw ?? '').split('&').filter(Boolean)) {
    const [key = '', value = ''] = part.split('=');
    querystring[key] = { value };
  }
  return {
    version: '1.0',
    context: { eventType: 'viewer-request' },
    viewer: { ip: '192.0.2.1' },
    request: {
      method: options.method ?? 'GET',
      uri,
      querystring,
      headers: { host: { value: options.host ?? 'zq.suns.example' } },
      cookies: {},
      rawQueryString: () => raw,
    },
  };
}

function answer(result: unknown) {
  const response = result as {
    statusCode?: number;
    headers?: Record<string, { value: string }>;
  };
  return response.statusCode === undefined
    ? 'passed on'
    : {
        status: response.statusCode,
        location: response.headers?.location?.value,
        cacheControl: response.headers?.['cache-control']?.value,
      };
}

describe('the redirect rules, on the main name', () => {
  const run = rules();

  it('send every old page of the first site to where it lives now', () => {
    const cases: [string, string][] = [
      ['/groupid/', '/group-id/'],
      ['/groupid', '/group-id/'],
      ['/groupid/index.html', '/group-id/'],
      ['/home/', '/'],
      ['/home', '/'],
      ['/home/index.html', '/'],
      ['/design/', '/how-it-works/'],
      ['/design', '/how-it-works/'],
      [OWNER_PAGE, '/'],
      ['//:sdʇʇɥ', '/'],
      [`${OWNER_PAGE}/`, '/'],
      ['/:sd%CA%87%CA%87%C9%A5', '/'],
    ];
    for (const [from, to] of cases) {
      expect({ from, answer: answer(run(event(from))) }).toEqual({
        from,
        answer: { status: 301, location: to, cacheControl: 'max-age=3600' },
      });
    }
  });

  it('keep the query string exactly as sent', () => {
    expect(
      answer(run(event('/groupid/', { query: 'owner=https%3A%2F%2Fa.example&x' }))),
    ).toMatchObject({ location: '/group-id/?owner=https%3A%2F%2Fa.example&x' });
    expect(answer(run(event(OWNER_PAGE, { query: 'ref=ring' })))).toMatchObject({
      location: '/?ref=ring',
    });
  });

  it('add no "?" when the query is empty', () => {
    expect(answer(run(event('/home/', { query: '' })))).toMatchObject({ location: '/' });
    expect(answer(run(event('/home/')))).toMatchObject({ location: '/' });
  });

  it('pass on the pages, data and API of the new site untouched', () => {
    for (const uri of [
      '/',
      '/index.html',
      '/join/',
      '/symmetries/',
      '/group-id/',
      '/how-it-works/',
      '/withdraw/',
      '/404.html',
      '/config.json',
      '/records/domains.json',
      '/api/v1/attest',
      '/assets/members-abc123.js',
      // Pages of the first site with no counterpart: the 404 page says so.
      '/game/',
      '/ideas/',
      '/todo/',
      '/testcomponents/',
      '/groupidx/',
      '/GROUPID/',
    ]) {
      const input = event(uri);
      const result = run(input);
      expect({ uri, answer: answer(result) }).toEqual({ uri, answer: 'passed on' });
      expect(result).toBe(input.request);
    }
  });

  it('serve every owner page /owners/<id>/ from the one owner page file', () => {
    const id = 'DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk';
    for (const uri of [`/owners/${id}/`, `/owners/${id}/index.html`]) {
      const result = run(event(uri)) as { uri?: string };
      expect({ uri, answer: answer(result), to: result.uri }).toEqual({
        uri,
        answer: 'passed on',
        to: '/owners/_/index.html',
      });
    }
    expect(answer(run(event(`/owners/${id}`, { query: 'a=1' })))).toMatchObject({
      status: 301,
      location: `/owners/${id}/?a=1`,
    });
    // Not a page id: the 404 page (passed on, S3 would answer the missing key with a 403).
    for (const uri of ['/owners/abc/', `/owners/${id}x/`, `/owners/${id}/more/`, '/owners/']) {
      const result = run(event(uri)) as { uri?: string };
      expect({ uri, answer: answer(result), to: result.uri }).toEqual({
        uri,
        answer: 'passed on',
        to: '/404.html',
      });
    }
    // The owner page's own file is left alone.
    expect((run(event('/owners/_/index.html')) as { uri?: string }).uri).toBe(
      '/owners/_/index.html',
    );
  });

  it('answer 308 to a POST to an old path, so the method and body are kept', () => {
    expect(answer(run(event('/groupid/', { method: 'POST' })))).toMatchObject({ status: 308 });
  });
});

describe('the redirect rules, on the apex', () => {
  const run = rules();

  it('send the apex to the main name with the path and the query kept', () => {
    expect(answer(run(event('/join/', { host: 'suns.example', query: 'a=1&b=%20' })))).toEqual({
      status: 301,
      location: 'https://zq.suns.example/join/?a=1&b=%20',
      cacheControl: 'max-age=3600',
    });
    expect(answer(run(event('/', { host: 'suns.example' })))).toMatchObject({
      location: 'https://zq.suns.example/',
    });
  });

  it('go to the new place of an old page in one hop', () => {
    expect(answer(run(event('/groupid/', { host: 'suns.example', query: 'x=1' })))).toMatchObject({
      location: 'https://zq.suns.example/group-id/?x=1',
    });
    expect(answer(run(event(OWNER_PAGE, { host: 'suns.example' })))).toMatchObject({
      location: 'https://zq.suns.example/',
    });
  });

  it('keep a POST to the apex a POST (308), as an attest sent to the apex must be', () => {
    expect(
      answer(run(event('/api/v1/attest', { host: 'suns.example', method: 'POST' }))),
    ).toMatchObject({ status: 308, location: 'https://zq.suns.example/api/v1/attest' });
  });

  it('read the host without case, port or trailing dot', () => {
    for (const host of ['SUNS.example', 'suns.example:443', 'suns.example.']) {
      expect(answer(run(event('/', { host })))).toMatchObject({
        location: 'https://zq.suns.example/',
      });
    }
  });

  it('never send anyone to another site: the path stays a path after the main name', () => {
    const location = (
      answer(run(event('//evil.example/x', { host: 'suns.example' }))) as {
        location: string;
      }
    ).location;
    expect(location).toBe('https://zq.suns.example//evil.example/x');
    expect(new URL(location).host).toBe('zq.suns.example');
  });

  it('percent-encode what a Location header cannot hold, leaving escapes as they are', () => {
    expect(answer(run(event('/ʇ%20x', { host: 'suns.example' })))).toMatchObject({
      location: 'https://zq.suns.example/%CA%87%20x',
    });
  });

  it('leave the main name and its other names alone', () => {
    for (const host of ['zq.suns.example', 'zb.snus.suns.example', 'other.example']) {
      expect(answer(run(event('/join/', { host })))).toBe('passed on');
    }
  });

  it('redirect no host at all without a main name (a stage on CloudFront’s own domain)', () => {
    const bare = rules({ mainHost: null, redirectHosts: ['suns.example'], scheme: 'https' });
    expect(answer(bare(event('/join/', { host: 'suns.example' })))).toBe('passed on');
    expect(answer(bare(event('/groupid/', { host: 'suns.example' })))).toMatchObject({
      location: '/group-id/',
    });
  });
});

describe('withSettings', () => {
  it('refuses rules without exactly one settings line', () => {
    expect(() => withSettings('function handler(e) { return e.request; }', CLUB)).toThrow(
      /exactly one line "var SETTINGS = \{...\};".*it has 0/,
    );
    expect(() => withSettings('var SETTINGS = {};\nvar SETTINGS = {};', CLUB)).toThrow(/has 2/);
  });

  it('puts the settings in as JSON, whatever characters they hold', () => {
    const code = withSettings('var SETTINGS = {};\nfunction handler() { return SETTINGS; }', {
      ...CLUB,
      mainHost: '$&\'"',
    });
    expect(evaluateViewerRequest(code)({})).toEqual({ ...CLUB, mainHost: '$&\'"' });
  });
});

describe('evaluateViewerRequest', () => {
  it('gives the rules no Node globals, as CloudFront gives none', () => {
    const handler = evaluateViewerRequest(
      'function handler() { return [typeof require, typeof process, typeof setTimeout]; }',
    );
    expect(handler({})).toEqual(['undefined', 'undefined', 'undefined']);
  });
});
