// s3rver 3.7 departs from S3 in two ways that matter to a publisher: replacing an object
// rewrites the file in place (a reader can get a prefix of the new body, and a PUT is answered
// before its file is written), and PutObject / CopyObject ignore conditional headers. These
// two additions give startS3 S3's documented behaviour: a replace is atomic (a reader gets the
// whole old or the whole new object), and If-Match / If-None-Match (and
// x-amz-copy-source-if-match) answer 412 PreconditionFailed, 404 NoSuchKey for If-Match on a
// missing key.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type S3rver from 's3rver';

const require = createRequire(import.meta.url);
// s3rver's own store and object model; only their file layout is reused.
const FilesystemStore = require('s3rver/lib/stores/filesystem.js') as new (
  directory: string,
) => StoreShape;
const S3Object = require('s3rver/lib/models/object.js') as {
  new (
    bucket: string,
    key: string,
    content: unknown,
    metadata: Record<string, unknown>,
  ): { range?: { start: number; end: number } };
  ALLOWED_METADATA: string[];
};

interface StoreShape {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
  putMetadata(
    bucket: string,
    key: string,
    metadata: Record<string, unknown>,
    md5?: string,
  ): Promise<void>;
}

interface PutInput {
  bucket: string;
  key: string;
  content: Buffer | NodeJS.ReadableStream;
  metadata: Record<string, unknown>;
}

// The object bodies opened while one request is handled. s3rver opens the body before it
// looks at If-None-Match / If-Modified-Since, and on a 304 (or 412) Koa drops the body
// without reading it: the file handle stayed open until garbage collection closed it with a
// warning, one per conditional GET. Each request now closes what it opened and left unread.
const openedBodies = new AsyncLocalStorage<Set<NodeJS.ReadableStream & { destroy(): void }>>();

function temporaryPath(target: string): string {
  // Not ending in s3rver's `._S3rver_object` suffix, so listings never show it.
  return `${target}.tmp-${randomBytes(6).toString('hex')}`;
}

async function writeAtomically(target: string, content: string): Promise<void> {
  const temporary = temporaryPath(target);
  try {
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A filesystem store that replaces objects by rename and serves a read from one open file. */
function createAtomicStore(directory: string): StoreShape {
  class AtomicFilesystemStore extends FilesystemStore {
    // s3rver rewrites metadata.json in place; a reader parsing it half-written answers 500.
    override async putMetadata(
      bucket: string,
      key: string,
      metadata: Record<string, unknown>,
      md5?: string,
    ): Promise<void> {
      const kept = Object.fromEntries(
        Object.entries(metadata).filter(
          ([name]) => S3Object.ALLOWED_METADATA.includes(name) || name.startsWith('x-amz-meta-'),
        ),
      );
      if (md5) await writeAtomically(this.getResourcePath(bucket, key, 'object.md5'), md5);
      await writeAtomically(
        this.getResourcePath(bucket, key, 'metadata.json'),
        JSON.stringify(kept, null, 2),
      );
    }

    async putObject(object: PutInput): Promise<{ size: number; md5: string }> {
      const target = this.getResourcePath(object.bucket, object.key, 'object');
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = temporaryPath(target);
      const md5 = createHash('md5');
      let size = 0;
      try {
        const source = Buffer.isBuffer(object.content)
          ? [object.content]
          : (object.content as AsyncIterable<Buffer>);
        await pipeline(async function* () {
          for await (const chunk of source) {
            const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
            md5.update(bytes);
            size += bytes.length;
            yield bytes;
          }
        }, createWriteStream(temporary));
        const digest = md5.digest('hex');
        await this.putMetadata(object.bucket, object.key, object.metadata, digest);
        await rename(temporary, target);
        return { size, md5: digest };
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    }

    async copyObject(
      srcBucket: string,
      srcKey: string,
      destBucket: string,
      destKey: string,
      replacementMetadata?: Record<string, unknown>,
    ): Promise<Record<string, unknown>> {
      const source = this.getResourcePath(srcBucket, srcKey, 'object');
      const target = this.getResourcePath(destBucket, destKey, 'object');
      if (source !== target) {
        await mkdir(path.dirname(target), { recursive: true });
        const temporary = temporaryPath(target);
        try {
          await pipeline(createReadStream(source), createWriteStream(temporary));
          const sourceMetadata = await this.getMetadata(srcBucket, srcKey);
          const md5 = JSON.parse(String(sourceMetadata.etag)) as string;
          await this.putMetadata(destBucket, destKey, replacementMetadata ?? sourceMetadata, md5);
          await rename(temporary, target);
        } catch (error) {
          await rm(temporary, { force: true });
          throw error;
        }
      } else if (replacementMetadata) {
        await this.putMetadata(destBucket, destKey, replacementMetadata);
      }
      return this.getMetadata(destBucket, destKey);
    }

    // The size and the bytes come from one open file, so a rename in between cannot pair
    // the old length with the new body.
    async getObject(
      bucket: string,
      key: string,
      options?: { start?: number; end?: number },
    ): Promise<unknown> {
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(this.getResourcePath(bucket, key, 'object'), 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        const stat = await handle.stat();
        const metadata = {
          ...(await this.getMetadata(bucket, key)),
          'content-length': stat.size,
          'last-modified': stat.mtime.toUTCString(),
        };
        const lastByte = Math.max(0, stat.size - 1);
        const ranged = options !== undefined && (options.start !== undefined || !!options.end);
        const range = {
          start: options?.start ?? 0,
          end: Math.min(options?.end ?? Number.POSITIVE_INFINITY, lastByte),
        };
        if (range.start < 0 || range.end < range.start) {
          await handle.close();
          const object = new S3Object(bucket, key, null, metadata);
          if (ranged) object.range = range;
          return object;
        }
        const content = handle.createReadStream({ start: range.start, end: range.end });
        openedBodies.getStore()?.add(content);
        const object = new S3Object(bucket, key, content, metadata);
        if (ranged) object.range = range;
        return object;
      } catch (error) {
        await handle.close();
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    }
  }
  return new AtomicFilesystemStore(directory);
}

interface KoaContext {
  res: ServerResponse;
  method: string;
  path: string;
  get(header: string): string;
  status: number;
  type: string;
  body: unknown;
  store: StoreShape;
}

type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

/** Closes, once the response is done, every object body the request opened and did not read to its end. */
function closeUnreadBodies(): Middleware {
  return (ctx, next) => {
    const opened = new Set<NodeJS.ReadableStream & { destroy(): void; readableEnded?: boolean }>();
    ctx.res.once('close', () => {
      for (const body of opened) if (!body.readableEnded) body.destroy();
    });
    return openedBodies.run(opened, next);
  };
}

function objectOf(urlPath: string): { bucket: string; key: string } | undefined {
  const [bucket, ...rest] = urlPath.replace(/^\//, '').split('/');
  if (!bucket || rest.length === 0 || rest.join('/') === '') return undefined;
  return { bucket: decodeURIComponent(bucket), key: rest.map(decodeURIComponent).join('/') };
}

function errorXml(code: string, message: string, condition?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${
    condition ? `<Condition>${condition}</Condition>` : ''
  }<RequestId>local</RequestId></Error>`;
}

async function etagOf(store: StoreShape, bucket: string, key: string): Promise<string | undefined> {
  try {
    return String((await store.getMetadata(bucket, key)).etag);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function matches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === etag || `"${tag}"` === etag);
}

/** Writes to one key run one at a time, so a condition and the write it guards are one step. */
function createConditionalWrites(): Middleware {
  const tails = new Map<string, Promise<void>>();
  return async (ctx, next) => {
    const target = ctx.method === 'PUT' ? objectOf(ctx.path) : undefined;
    if (!target) return next();
    const id = `${target.bucket}/${target.key}`;
    const previous = tails.get(id) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    tails.set(id, tail);
    await previous;
    try {
      const refusal = await checkConditions(ctx, target);
      if (refusal) {
        ctx.status = refusal.status;
        ctx.type = 'application/xml';
        ctx.body = refusal.body;
        return;
      }
      await next();
    } finally {
      release();
      if (tails.get(id) === tail) tails.delete(id);
    }
  };
}

async function checkConditions(
  ctx: KoaContext,
  target: { bucket: string; key: string },
): Promise<{ status: number; body: string } | undefined> {
  const ifMatch = ctx.get('if-match');
  const ifNoneMatch = ctx.get('if-none-match');
  const copySource = ctx.get('x-amz-copy-source');
  const copyIfMatch = ctx.get('x-amz-copy-source-if-match');
  const failed = (condition: string) => ({
    status: 412,
    body: errorXml(
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      condition,
    ),
  });
  if (ifMatch || ifNoneMatch) {
    const current = await etagOf(ctx.store, target.bucket, target.key);
    if (ifMatch && current === undefined) {
      return { status: 404, body: errorXml('NoSuchKey', 'The specified key does not exist.') };
    }
    if (ifMatch && current !== undefined && !matches(ifMatch, current)) return failed('If-Match');
    if (ifNoneMatch && current !== undefined && matches(ifNoneMatch, current)) {
      return failed('If-None-Match');
    }
  }
  if (copySource && copyIfMatch) {
    const source = objectOf(`/${decodeURIComponent(copySource.split('?')[0]!).replace(/^\//, '')}`);
    const current = source ? await etagOf(ctx.store, source.bucket, source.key) : undefined;
    if (current === undefined || !matches(copyIfMatch, current)) {
      return failed('x-amz-copy-source-If-Match');
    }
  }
  return undefined;
}

/** Gives an s3rver instance S3's atomic replace and conditional writes. Call before `run()`. */
export function addS3Semantics(server: S3rver, directory: string): void {
  const koa = server as unknown as {
    store: StoreShape;
    context: { store: StoreShape };
    middleware: Middleware[];
  };
  koa.store = koa.context.store = createAtomicStore(directory);
  koa.middleware.unshift(closeUnreadBodies(), createConditionalWrites());
}
