import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { addS3Semantics } from './s3-semantics.js';

export interface S3LocalOptions {
  /** Keep objects in this directory (kept on stop); a fresh temp directory by default (removed on stop). */
  directory?: string;
  /** Port; a free one by default. */
  port?: number;
  /** Buckets to create at start. */
  buckets?: string[];
}

export interface S3Local {
  endpoint: string;
  directory: string;
  /**
   * Options for `new S3Client(...)`. Path-style addressing, and checksums only when required:
   * without them current SDKs send streamed uploads with aws-chunked framing that s3rver stores verbatim.
   */
  clientConfig: S3ClientConfig & {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  stop(): Promise<void>;
}

/**
 * Starts s3rver on a free loopback port, with two S3 behaviours s3rver lacks: replacing an
 * object is atomic (readers get the whole old or the whole new object), and conditional
 * writes (If-Match, If-None-Match, x-amz-copy-source-if-match) answer 412 or 404 as S3 does.
 *
 * @example
 * const s3 = await startS3({ buckets: ['site'] });
 * const client = new S3Client(s3.clientConfig);
 * await s3.stop();
 */
export async function startS3(options: S3LocalOptions = {}): Promise<S3Local> {
  const temporary = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(path.join(os.tmpdir(), 'symval-s3-')));
  const server = new S3rver({
    address: '127.0.0.1',
    // Port 0: the system picks a free one at bind time, so no other process can take it first.
    port: options.port ?? 0,
    directory,
    silent: true,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name, configs: [] })),
  });
  addS3Semantics(server, directory);
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    directory,
    clientConfig: {
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    },
    async stop() {
      await server.close();
      if (temporary) await rm(directory, { recursive: true, force: true });
    },
  };
}
