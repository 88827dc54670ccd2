// The site's redirects, written once for two runtimes: CloudFront Functions (runtime
// cloudfront-js-2.0, viewer request, on the Router; infra/src/site/redirects.ts injects this
// file) and the local site server (apps/local/src/site/edge/, which evaluates this same file).
// So: no imports or exports, no Node APIs, only what runtime 2.0 has (const, let, template
// literals; no optional chaining). Keep it small: SST's routing code takes about 8.9 of the
// function's 10 KB, and infra minifies this file into what is left (a test measures it).
//
// The next line is replaced by each loader with the deployment's settings, as JSON:
// mainHost: the name the site answers on (null: no host redirects); redirectHosts: names that
// redirect to mainHost, path and query kept (the apex); scheme: of the redirect's URL.
var SETTINGS = { mainHost: null, redirectHosts: [], scheme: 'https' };

// Paths of the club's first site (mrled/suns, Hugo's www/) and where each one lives now, by
// decoded path without its trailing slash or index.html (keys start with "/", so no key can
// be a property every object has). The club's owner URL, https://zq.suns.bz//:sdʇʇɥ, was its
// real home page: it leads to the members page, which works at / only (its relative links
// would resolve under // anywhere else).
const MOVED = {
  '/groupid': '/group-id/',
  '/home': '/',
  '/design': '/how-it-works/',
  '/:sdʇʇɥ': '/',
  '//:sdʇʇɥ': '/',
};

function movedTo(uri) {
  let path = uri;
  try {
    path = decodeURIComponent(uri);
  } catch (_) {}
  path = path.replace(/\/index\.html$/, '/');
  return MOVED[path.length > 1 ? path.replace(/\/$/, '') : path] || null;
}

// Percent-encodes the runs of characters a Location header cannot hold; escapes stay as sent.
function encodePath(uri) {
  try {
    return uri.replace(/[^\x21-\x7e]+/g, encodeURIComponent);
  } catch (_) {
    return '/';
  }
}

// 308 keeps the method and body of a POST (an attest sent to the apex); 301 for the rest. The
// query is kept as the viewer sent it (rawQueryString(), CloudFront's runtime 2.0).
function redirect(request, location) {
  const query = request.rawQueryString();
  return {
    statusCode: request.method === 'GET' || request.method === 'HEAD' ? 301 : 308,
    headers: {
      location: { value: query ? `${location}?${query}` : location },
      'cache-control': { value: 'max-age=3600' },
    },
  };
}

// Every owner page, /owners/<43-character page id>/, is the one file owners/_/index.html (two
// levels down, so its relative links resolve from the path the viewer sees); without the
// slash, a redirect adds it.
const OWNER_PAGE = /^\/owners\/[\w-]{43}(\/(index\.html)?)?$/;
// Any other path below /owners/ (but the page's own file) names no owner. Passed on, it would
// reach S3 as a key that does not exist, which S3 answers with a bare 403: the 404 page instead.
// (A path below another page's folder, /join/x, still reaches S3: the same rule for the five
// page folders took the production function to 10,243 bytes, over CloudFront's 10,240; with
// this one it is 10,171.)
const NO_OWNER = /^\/owners\/(?!_\/)/;

// biome-ignore lint/correctness/noUnusedVariables: CloudFront (and the loaders) call it
function handler(event) {
  const request = event.request;
  const moved = movedTo(request.uri);
  // biome-ignore lint/complexity/useOptionalChain: runtime 2.0 has no optional chaining
  const host = String((request.headers.host || {}).value || '')
    .toLowerCase()
    .replace(/:\d*$|\.$/g, '');
  if (SETTINGS.mainHost && SETTINGS.redirectHosts.indexOf(host) !== -1) {
    const path = moved || encodePath(request.uri);
    return redirect(request, `${SETTINGS.scheme}://${SETTINGS.mainHost}${path}`);
  }
  if (moved) return redirect(request, moved);
  const owner = OWNER_PAGE.exec(request.uri);
  if (owner) {
    if (!owner[1]) return redirect(request, `${request.uri}/`);
    request.uri = '/owners/_/index.html';
  } else if (NO_OWNER.test(request.uri)) request.uri = '/404.html';
  return request;
}
