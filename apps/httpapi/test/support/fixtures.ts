import { calculateGroupIdV1 } from '@symval/groupid';

/** A mirrornames pair and its group ID. */
export const OWNER = 'https://me.example';
export const PAIR = ['me.example.com', 'com.example.me'] as const;
export const PAIR_ID = calculateGroupIdV1(OWNER, 'e', [...PAIR]);

/** A flip180 single hostname and its group ID. */
export const FLIP = 'zq.suns.bz';
export const FLIP_ID = calculateGroupIdV1(OWNER, 'b', [FLIP]);

/** A JSON POST for `app.request`. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
