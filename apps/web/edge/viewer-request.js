// The site's redirects, written once for two runtimes: CloudFront Functions (runtime
// cloudfront-js-2.0, viewer request, on the Router; infra/src/site/redirects.ts injects this
// file) and the local site server (apps/local/src/site/edge/, which evaluates this same file).
// So: no imports or exports, no Node APIs, only what runtime 2.0 has (const, let, template
// literals; no optional chaining). Comments stay on lines of their own: infra drops those
// lines to keep the CloudFront function under its 10 KB limit.
//
// The next line is replaced by each loader with the deployment's settings, as JSON:
// mainHost: the name the site answers on (null: no host redirects); redirectHosts: names that
// redirect to mainHost, path and query kept (the apex); scheme: of the redirect's URL.
var SETTINGS = { mainHost: null, redirectHosts: [], scheme: 'https' };

// Paths of the club's first site (mrled/suns, Hugo's www/) and where each one lives now, by
// decoded path without its trailing slash or index.html. The club's owner URL,
// https://zq.suns.bz//:sdʇʇɥ, was its real home page: it leads to the members page, which is
// served at / only (its relative links would resolve under // anywhere else).
const MOVED = [
  ['/groupid', '/group-id/'],
  ['/home', '/'],
  ['/design', '/how-it-works/'],
  ['/:sdʇʇɥ', '/'],
  ['//:sdʇʇɥ', '/'],
];

function decodePath(uri) {
  try {
    return decodeURIComponent(uri);
  } catch (_) {
    return uri;
  }
}

function movedTo(uri) {
  let path = decodePath(uri).replace(/\/index\.html$/, '/');
  if (path.length > 1) path = path.replace(/\/$/, '');
  for (let i = 0; i < MOVED.length; i++) {
    if (MOVED[i][0] === path) return MOVED[i][1];
  }
  return null;
}

// Percent-encodes what may not stand in a Location header, leaving existing escapes alone.
function encodePath(uri) {
  const parts = uri.split(/(%[0-9A-Fa-f]{2})/);
  try {
    for (let i = 0; i < parts.length; i += 2) parts[i] = encodeURI(parts[i]);
  } catch (_) {
    return '/';
  }
  return parts.join('');
}

function hostOf(request) {
  // biome-ignore lint/complexity/useOptionalChain: runtime 2.0 has no optional chaining
  const header = request.headers && request.headers.host;
  // biome-ignore lint/complexity/useOptionalChain: runtime 2.0 has no optional chaining
  const host = header && header.value ? String(header.value).toLowerCase() : '';
  return host.replace(/:\d+$/, '').replace(/\.$/, '');
}

// The query as the viewer sent it: rawQueryString() in CloudFront's runtime 2.0. The console's
// test events carry only the parsed form, so the query is rebuilt from it when raw is empty.
function queryOf(request) {
  const raw = typeof request.rawQueryString === 'function' ? request.rawQueryString() : undefined;
  if (typeof raw === 'string' && raw !== '') return `?${raw}`;
  const parts = [];
  const query = request.querystring || {};
  for (const key in query) {
    const values = query[key].multiValue || [query[key]];
    for (let i = 0; i < values.length; i++) {
      parts.push(values[i].value === '' ? key : `${key}=${values[i].value}`);
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

// 308 keeps the method and body of a POST (an attest sent to the apex); 301 for the rest.
function redirect(request, location) {
  const keep = request.method !== 'GET' && request.method !== 'HEAD';
  return {
    statusCode: keep ? 308 : 301,
    statusDescription: keep ? 'Permanent Redirect' : 'Moved Permanently',
    headers: {
      location: { value: location },
      'cache-control': { value: 'max-age=3600' },
    },
  };
}

// biome-ignore lint/correctness/noUnusedVariables: CloudFront (and the loaders) call it
function handler(event) {
  const request = event.request;
  const moved = movedTo(request.uri);
  const host = hostOf(request);
  if (
    SETTINGS.mainHost &&
    host !== SETTINGS.mainHost &&
    SETTINGS.redirectHosts.indexOf(host) !== -1
  ) {
    const path = moved || encodePath(request.uri);
    return redirect(request, `${SETTINGS.scheme}://${SETTINGS.mainHost}${path}${queryOf(request)}`);
  }
  if (moved) return redirect(request, moved + queryOf(request));
  return request;
}
