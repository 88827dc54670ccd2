import { PROBE_REQUEST_ID } from '../log/render.js';

/**
 * Waits until every URL answers 200 to a GET (retrying briefly: a server may have bound its
 * port a moment before it serves), so "ready" is printed only when the stack works.
 */
export async function waitUntilAnswering(
  urls: readonly string[],
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    urls.map(async (url) => {
      for (;;) {
        let last: string;
        try {
          // Marked, so the readable log leaves out the stack's own probes.
          const response = await fetch(url, {
            headers: { 'x-request-id': PROBE_REQUEST_ID },
            signal: AbortSignal.timeout(5_000),
          });
          await response.arrayBuffer();
          if (response.status === 200) return;
          last = `status ${response.status}`;
        } catch (error) {
          last = error instanceof Error ? error.message : String(error);
        }
        if (Date.now() > deadline) throw new Error(`${url} did not answer 200 (${last})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }),
  );
}
