import { stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** The Content-Type of a file by its extension; `application/octet-stream` when unknown. */
export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The path segments of a URL path, decoded; `undefined` when a segment is `.` or `..`, holds a
 * slash, backslash or NUL once decoded, or cannot be decoded. Nothing outside the root (or
 * outside a prefix) can then be named.
 */
export function safeSegments(urlPath: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of urlPath.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

/** What a URL path names under the site root. */
export type StaticTarget =
  | { kind: 'file'; file: string; size: number; mtimeMs: number }
  | { kind: 'redirect'; location: string }
  | { kind: 'missing' };

/**
 * Finds the file a URL path names under `root`: `/` and `/join/` are their `index.html`,
 * `/join` redirects to `/join/` (the pages' relative links need the slash), dot-files and
 * anything that would leave the root are missing.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticTarget> {
  const segments = safeSegments(urlPath);
  if (!segments || segments.some((segment) => segment.startsWith('.'))) return { kind: 'missing' };
  const directory = segments.at(-1) === '';
  const file = path.join(root, ...segments.filter((segment) => segment !== ''));
  const found = await stat(file).catch(() => undefined);
  if (!found) return { kind: 'missing' };
  if (found.isDirectory()) {
    if (!directory) return { kind: 'redirect', location: `${urlPath}/` };
    const index = path.join(file, 'index.html');
    const indexStat = await stat(index).catch(() => undefined);
    return indexStat?.isFile()
      ? { kind: 'file', file: index, size: indexStat.size, mtimeMs: indexStat.mtimeMs }
      : { kind: 'missing' };
  }
  if (directory || !found.isFile()) return { kind: 'missing' };
  return { kind: 'file', file, size: found.size, mtimeMs: found.mtimeMs };
}

/**
 * A request target as a URL on a placeholder origin. Unlike `new URL(target, base)`, a path
 * starting with `//` stays a path (`//x/y` is not the host `x`), and the absolute form a proxy
 * receives gives its path and query.
 */
export function requestTarget(target: string | undefined): URL {
  const raw = target ?? '/';
  if (raw.startsWith('/')) return new URL(`http://local${raw}`);
  try {
    const absolute = new URL(raw);
    return new URL(`http://local${absolute.pathname}${absolute.search}`);
  } catch {
    return new URL('http://local/');
  }
}
