import { calculateGroupIdV1 } from '@symval/groupid';
import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Style } from '../cli/style.js';
import { claimRecord, formatTxtRecord, indent, plural } from '../format/index.js';
import {
  apiBaseFrom,
  apiUnreachable,
  type HttpAnswer,
  NoAnswer,
  readHttpUrl,
  sendRequest,
} from '../http/request.js';
import { describeType, GROUP_OPTIONS, readGroupArgs } from '../inputs/index.js';
import { LOCAL_API_URL, localStackAddresses } from '../sources/local-stack.js';

/** What the API said, in the CLI's words. */
type WithdrawOutcome =
  | 'withdrawn'
  | 'not-found'
  | 'claims-remain'
  | 'indeterminate'
  | 'changed'
  | 'rate-limited';

const EXIT_BY_OUTCOME: Record<WithdrawOutcome, ExitCode> = {
  withdrawn: ExitCode.ok,
  'not-found': ExitCode.negative,
  'claims-remain': ExitCode.negative,
  // The same exit code as attest's indeterminate: DNS could not say, try again.
  indeterminate: ExitCode.indeterminate,
  changed: ExitCode.indeterminate,
  'rate-limited': ExitCode.indeterminate,
};

interface ApiBody {
  code?: unknown;
  status?: unknown;
  error?: unknown;
  field?: unknown;
  deleted?: unknown;
  withdrawn?: unknown;
  reasons?: { domain?: unknown; message?: unknown }[];
}

/**
 * The outcome of the API's answer. An indeterminate answer is recognised by its body
 * (`status` or `code` `indeterminate`) whatever the HTTP status, so the CLI reads the same
 * whether the API answers it with 503 or 200.
 */
function outcomeOf(answer: HttpAnswer): WithdrawOutcome | undefined {
  const body = (answer.json ?? {}) as ApiBody;
  if (body.status === 'indeterminate' || body.code === 'indeterminate') return 'indeterminate';
  if (answer.status === 200 && body.withdrawn === true) return 'withdrawn';
  if (answer.status === 404 && body.code === 'group-not-found') return 'not-found';
  if (answer.status === 409 && body.code === 'claims-remain') return 'claims-remain';
  if (answer.status === 409 && body.code === 'group-changed') return 'changed';
  if (answer.status === 429) return 'rate-limited';
  return undefined;
}

/** An answer the CLI cannot use: a 4xx refusing the input (exit 2), anything else exit 3. */
function refusal(answer: HttpAnswer, url: string): CliError {
  const body = (answer.json ?? {}) as ApiBody;
  const said = typeof body.error === 'string' ? body.error : answer.text.slice(0, 200) || '(empty)';
  const field = typeof body.field === 'string' ? ` (field ${body.field})` : '';
  const code = typeof body.code === 'string' ? ` ${body.code}` : '';
  if (answer.status >= 400 && answer.status < 500 && answer.json !== undefined) {
    return new CliError(
      'api.refused',
      `the API refused the withdrawal${field}: HTTP ${answer.status}${code}: ${said}`,
      {
        hint: 'Check the owner, the type and the hostnames: they must be those the group was attested with.',
      },
    );
  }
  return new CliError('api.answer', `${url} answered HTTP ${answer.status}${code}: ${said}`, {
    exitCode: ExitCode.indeterminate,
    hint:
      answer.json === undefined
        ? 'That does not look like the symval API: check --api (the site URL or the API base ending /api/v1).'
        : 'The API failed; try again later.',
  });
}

function retryAfter(answer: HttpAnswer): number | null {
  const value = Number(answer.headers.get('retry-after'));
  return Number.isFinite(value) && value >= 0 ? value : null;
}

function formatOutcome(
  outcome: WithdrawOutcome,
  groupId: string,
  hostnames: readonly string[],
  answer: HttpAnswer,
  style: Style,
): string {
  const body = (answer.json ?? {}) as ApiBody;
  const later = retryAfter(answer);
  const again = later === null ? 'try again later' : `try again in ${plural(later, 'second')}`;
  switch (outcome) {
    case 'withdrawn': {
      const deleted = typeof body.deleted === 'number' ? body.deleted : hostnames.length;
      return `${style.green('Withdrawn')}: group ${groupId} left the club (${plural(deleted, 'record')} removed). The members page drops it once the snapshot is rebuilt.`;
    }
    case 'not-found':
      return `${style.red('Nothing to withdraw')}: no records are stored for group ${groupId}. The owner, the type and the hostnames make that ID: check they are the ones the group was attested with ('symval show --group ${groupId}').`;
    case 'claims-remain': {
      const reasons = (body.reasons ?? [])
        .map((reason) => (typeof reason.message === 'string' ? `  - ${reason.message}` : undefined))
        .filter((line): line is string => line !== undefined);
      const remaining = (body.reasons ?? [])
        .map((reason) => reason.domain)
        .filter((domain): domain is string => typeof domain === 'string');
      return [
        `${style.red('Not withdrawn')}: the group's claims are still in DNS. Removing them is the proof that you control the names, so remove these TXT records first, then run this again (DNS caches may take a while to see the change):`,
        indent(
          (remaining.length > 0 ? remaining : hostnames)
            .map((hostname) => formatTxtRecord(claimRecord(hostname, groupId)))
            .join('\n'),
        ),
        ...(reasons.length > 0 ? ['', ...reasons] : []),
      ].join('\n');
    }
    case 'indeterminate':
      return `${style.yellow('Not withdrawn (indeterminate)')}: DNS did not answer for every hostname, so the claims are unknown; nothing was removed. ${again[0]!.toUpperCase()}${again.slice(1)}.`;
    case 'changed':
      return `${style.yellow('Not withdrawn')}: some of the group's records changed while withdrawing and were kept; ${again}.`;
    case 'rate-limited':
      return `${style.yellow('Not withdrawn')}: the API refused, this client made too many requests; ${again}.`;
  }
}

/** `symval withdraw`: a group leaves the club through the API, once its claims are gone. */
export const withdrawCommand = defineCommand({
  name: 'withdraw',
  summary: 'Withdraw a group from the club through the API (remove its TXT records first)',
  description: [
    "Asks the API (POST /api/v1/withdraw) to remove a stored group. Remove the group's",
    '_suns.<hostname> TXT records first: the API removes the group only once none of its',
    'hostnames carries the group ID in DNS, since removing them proves you control the names.',
    'While a claim remains it answers which (exit code 1); when DNS cannot say, nothing is',
    'removed (exit code 3, as for an indeterminate attestation).',
    '',
    'The API is --api (the site URL, or the API base ending /api/v1), else the local stack',
    `(pnpm dev, ${LOCAL_API_URL}). The owner and the type may come as the first two operands.`,
  ].join('\n'),
  usage: [
    '--owner <url> --type <name|code> [options] <domain...>',
    '[options] <owner> <type> <domain...>',
  ],
  options: {
    ...GROUP_OPTIONS,
    api: {
      type: 'string',
      value: '<url>',
      description: `The site or the API base URL (default: the local stack, ${LOCAL_API_URL})`,
    },
  },
  operands: { name: 'domain', description: "the group's hostnames", min: 1 },
  examples: [
    {
      command: 'symval withdraw https://me.example flip180 zq.suns.bz --api https://suns.bz',
      description: 'leave the club, once _suns.zq.suns.bz is gone',
    },
    {
      command:
        'symval withdraw --owner https://me.example --type e me.example.com com.example.me --json',
      description: 'a mirrored pair, on the local stack, as JSON',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'withdrawn: the records are removed'],
    [
      ExitCode.negative,
      'not withdrawn: a claim is still in DNS, or nothing is stored for the group',
    ],
    [ExitCode.usage, 'a malformed owner, type, hostname or URL, or the API refused the input'],
    [
      ExitCode.indeterminate,
      'not withdrawn for now: DNS could not say (indeterminate), the records changed meanwhile, too many requests, or no answer from the API',
    ],
  ],
  async run({ options, operands }, context) {
    const { owner, type, hostnames, warnings } = readGroupArgs(options, operands, {
      command: 'withdraw',
    });
    const local = options.api === undefined;
    const base = local
      ? localStackAddresses(context.env).apiUrl
      : apiBaseFrom(readHttpUrl('--api', options.api!, 'https://suns.bz'));
    const url = `${base}/withdraw`;
    const groupId = calculateGroupIdV1(owner, type.code, hostnames);
    context.note(
      `Withdrawing the ${describeType(type)} group ${groupId} through ${base}: this works once its _suns TXT records are removed.`,
    );
    let answer: HttpAnswer;
    try {
      answer = await sendRequest(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ owner, type: type.code, domains: hostnames }),
        // The API looks every hostname up (two tries per server): well under a minute.
        timeoutMs: 60_000,
      });
    } catch (error) {
      if (error instanceof NoAnswer) throw apiUnreachable('the withdrawal', url, error, local);
      throw error;
    }
    const outcome = outcomeOf(answer);
    if (outcome === undefined) throw refusal(answer, url);
    return {
      exitCode: EXIT_BY_OUTCOME[outcome],
      warnings,
      json: {
        outcome,
        api: base,
        groupId,
        owner,
        type: { code: type.code, name: type.name },
        hostnames,
        httpStatus: answer.status,
        retryAfter: retryAfter(answer),
        answer: answer.json ?? null,
        warnings,
      },
      human: (style) => formatOutcome(outcome, groupId, hostnames, answer, style),
    };
  },
});
