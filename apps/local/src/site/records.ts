import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { LocalLogger } from '../log/logger.js';
import { requestTarget, safeSegments } from './static-files.js';

/** Where `/records/*` comes from. */
export interface RecordsSource {
  s3: S3Client;
  bucket: string;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

/**
 * Serves `GET`/`HEAD /records/<key>` from the bucket's `records/` prefix, as production's
 * Router does, and nothing else from the bucket (`state/` has no route). The snapshot is
 * marked `no-cache` here instead of S3's `max-age=60`, so a reload after an attestation shows
 * it at once (the ETag still saves the transfer); CORS is open, as on the public bucket.
 */
export async function serveRecord(
  source: RecordsSource,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
  log: LocalLogger,
): Promise<void> {
  const { pathname } = requestTarget(request.url);
  const segments = safeSegments(pathname);
  const notFound = () => {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(request.method === 'HEAD' ? undefined : 'Not found\n');
  };
  // ['records', ...rest]: an empty segment anywhere (a//b, a trailing slash) names no object.
  if (segments?.[0] !== 'records' || segments.length < 2 || segments.includes('')) {
    notFound();
    return;
  }
  const Key = segments.join('/');
  const ifNoneMatch = request.headers['if-none-match'];
  try {
    const input = {
      Bucket: source.bucket,
      Key,
      ...(typeof ifNoneMatch === 'string' ? { IfNoneMatch: ifNoneMatch } : {}),
    };
    const out =
      request.method === 'HEAD'
        ? await source.s3.send(new HeadObjectCommand(input))
        : await source.s3.send(new GetObjectCommand(input));
    response.writeHead(200, {
      ...headers,
      'Content-Type': out.ContentType ?? 'application/octet-stream',
      ...(out.ContentLength !== undefined ? { 'Content-Length': String(out.ContentLength) } : {}),
      ...(out.ETag ? { ETag: out.ETag } : {}),
      ...(out.LastModified ? { 'Last-Modified': out.LastModified.toUTCString() } : {}),
      'Cache-Control': 'no-cache',
      'Access-Control-Allow-Origin': '*',
    });
    const body = 'Body' in out ? (out.Body as Readable | undefined) : undefined;
    if (!body) {
      response.end();
      return;
    }
    body.once('error', (error) => {
      log.error(`reading s3://${source.bucket}/${Key} failed`, error);
      response.destroy(error);
    });
    body.pipe(response);
  } catch (error) {
    const status = statusOf(error);
    if (status === 304) {
      response.writeHead(304, { ...headers, 'Cache-Control': 'no-cache' }).end();
    } else if (status === 404 || status === 403) {
      notFound();
    } else {
      log.error(`reading s3://${source.bucket}/${Key} failed`, error);
      response.writeHead(502, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('The local bucket did not answer\n');
    }
  }
}
