import type { Context } from 'hono';
import type { InputProblem } from '../input/group-request.js';

/** Bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

/** The outcome of {@link readJsonBody}. */
export type JsonBodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413 | 415; problem: InputProblem };

// `application/json`, optionally with parameters; a charset other than UTF-8 is not JSON (RFC 8259).
function checkContentType(header: string | undefined): InputProblem | undefined {
  const [mediaType = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim());
  const charset = parameters
    .map((parameter) => parameter.split('=').map((side) => side.trim().toLowerCase()))
    .find(([name]) => name === 'charset')?.[1]
    ?.replace(/^"|"$/g, '');
  if (mediaType.toLowerCase() !== 'application/json' || (charset && charset !== 'utf-8')) {
    return {
      field: null,
      code: 'content-type',
      error: `send the body as JSON with Content-Type: application/json, received ${header ? JSON.stringify(header.slice(0, 100)) : 'no Content-Type'}`,
    };
  }
  return undefined;
}

function tooLarge(size: string): JsonBodyResult {
  return {
    ok: false,
    status: 413,
    problem: {
      field: null,
      code: 'body-too-large',
      error: `the body may have at most ${MAX_BODY_BYTES} bytes, received ${size}`,
    },
  };
}

// Reads at most `limit + 1` bytes whatever Content-Length says, so a body that lies about its
// length is cut off too.
async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * Reads a JSON request body: 415 unless it is `application/json` (UTF-8), 413 past
 * {@link MAX_BODY_BYTES}, 400 when it is empty, not UTF-8 or not JSON.
 */
export async function readJsonBody(c: Context): Promise<JsonBodyResult> {
  const typeProblem = checkContentType(c.req.header('content-type'));
  if (typeProblem) return { ok: false, status: 415, problem: typeProblem };
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) {
    return tooLarge(`${declared} (Content-Length)`);
  }
  const bytes = await readLimited(c.req.raw, MAX_BODY_BYTES);
  if (!bytes) return tooLarge(`more than ${MAX_BODY_BYTES}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return {
      ok: false,
      status: 400,
      problem: { field: null, code: 'body-json', error: 'the body is not valid UTF-8' },
    };
  }
  if (text.trim() === '') {
    return {
      ok: false,
      status: 400,
      problem: {
        field: null,
        code: 'body-json',
        error: 'the body is empty; send a JSON object { owner, type, domains }',
      },
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      status: 400,
      problem: {
        field: null,
        code: 'body-json',
        error: `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
}
