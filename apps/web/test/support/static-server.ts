// A small static file server on loopback for the built site, with per-path overrides so a
// test can serve its own snapshot or config.json (or a slow or broken one).
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import vm from 'node:vm';

type EdgeAnswer = {
  statusCode?: number;
  headers?: Record<string, { value: string }>;
  uri?: string;
};

/**
 * The site's viewer-request rules (edge/viewer-request.js, which the Router and the local site
 * server run too), evaluated on their own with their default settings, so the test server
 * serves /owners/<id>/ and the redirects as production does.
 */
function loadEdgeRules(): (event: unknown) => EdgeAnswer {
  const code = readFileSync(
    join(import.meta.dirname, '..', '..', 'edge', 'viewer-request.js'),
    'utf8',
  );
  return vm.runInNewContext(`${code}\n;handler`, Object.create(null)) as (e: unknown) => EdgeAnswer;
}

/** What to answer for an overridden path. */
export interface Route {
  status?: number;
  body: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (to see loading states). */
  delayMs?: number;
}

/** A running server. */
export interface StaticServer {
  /** `http://127.0.0.1:PORT/`, ending in a slash. */
  url: string;
  /** Sets (or with `null` removes) the answer for a path such as `/records/domains.json`. */
  setRoute(path: string, route: Route | null): void;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

async function serveFile(root: string, pathname: string, res: ServerResponse): Promise<void> {
  const decoded = decodeURIComponent(pathname);
  let file = resolve(root, `.${normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(body);
  } catch {
    // As the site's hosts do: the built 404 page with status 404, when the build has one.
    const page = await readFile(join(root, '404.html')).catch(() => null);
    if (page) res.writeHead(404, { 'content-type': TYPES['.html']! }).end(page);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

/** Starts a static server for `root` on a free 127.0.0.1 port. */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const absoluteRoot = resolve(root);
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const edge = loadEdgeRules();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    const request = {
      method: req.method ?? 'GET',
      uri: url.pathname,
      headers: { host: { value: req.headers.host ?? '' } },
      rawQueryString: () => url.search.slice(1),
    };
    const ruled = edge({ request });
    if (ruled.statusCode !== undefined) {
      res.writeHead(ruled.statusCode, { location: ruled.headers?.location?.value ?? '/' });
      res.end();
      return;
    }
    const pathname = ruled.uri ?? url.pathname;
    const route = routes.get(pathname);
    if (!route) {
      void serveFile(absoluteRoot, pathname, res);
      return;
    }
    const answer = () => {
      res.writeHead(route.status ?? 200, {
        'content-type': route.contentType ?? 'application/json',
        'cache-control': 'no-store',
        ...route.headers,
      });
      res.end(route.body);
    };
    if (route.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    setRoute(path, route) {
      if (route) routes.set(path, route);
      else routes.delete(path);
    },
    requests,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
