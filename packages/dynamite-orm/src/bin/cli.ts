import { formatErasureReport } from '../erasure/report.js';
import { verifyErasure } from '../erasure/verify.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { toDataMap } from '../export/data-map.js';
import { toTerraform } from '../export/terraform.js';
import { parseIsoDateTime } from '../schema/iso-date.js';
import { LoadError, loadEraser, loadTables } from './load-tables.js';
import { formatReapply, REAPPLY_EXIT } from './reapply-report.js';

/** Exit codes of the `dynamite` command. */
export const EXIT = { pass: 0, fail: 1, review: 2, usage: 3 } as const;

/** Where the command writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

const USAGE = `usage: dynamite <command> <module> [options]

commands:
  verify-erasure <module> [--json]   check every table has an erasure decision and every
                                     personal attribute is erased; exit 0 pass, 1 fail,
                                     2 needs review, 3 usage or load error
  terraform <module> [--no-pitr] [--deletion-protection]
                                     print aws_dynamodb_table resources (HCL)
  data-map <module> [--csv]          print the data inventory (JSON, or CSV)
  reapply-erasures <module> --since <time> [--dry-run] [--json]
                                     after tables were restored from a backup or
                                     point-in-time recovery to <time> (RFC 3339, with a
                                     zone), plan and run again every erasure since then;
                                     exit 0 done, 1 a run failed or stopped, 2 done but
                                     changed fields were kept (review), 3 usage error

<module> exports the tables as \`tables\` or as its default export (an array or an object
of table definitions, single tables, entities and entityErasure(...) declarations); for
reapply-erasures it exports \`eraser\` (made by createEraser, or a function returning one).
`;

function parse(
  args: readonly string[],
  allowed: readonly string[],
  valued: readonly string[] = [],
) {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') throw new LoadError(`${name} needs a value`);
      values.set(name, value);
    } else if (allowed.includes(name) && inline === undefined) flags.add(name);
    else throw new LoadError(`unknown option ${arg}`);
  }
  if (positional.length !== 1) throw new LoadError('expected exactly one module path');
  return { module: positional[0]!, flags, values };
}

/** The restore point of --since: an RFC 3339 date-time with a zone. */
function restorePoint(value: string | undefined): Date {
  if (value === undefined) {
    throw new LoadError(
      'reapply-erasures needs --since <time>: the point the data was restored to',
    );
  }
  const since = parseIsoDateTime(value);
  if (since === undefined) {
    throw new LoadError(
      `--since must be an RFC 3339 date-time with a zone (e.g. 2026-11-30T14:00:00Z), got ${JSON.stringify(value)}`,
    );
  }
  return since;
}

/** Runs the command line; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help' || command === '-h') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? EXIT.usage : EXIT.pass;
  }
  try {
    switch (command) {
      case 'verify-erasure': {
        const { module, flags } = parse(rest, ['--json']);
        const report = verifyErasure(await loadTables(module, io.cwd));
        io.stdout(
          flags.has('--json')
            ? `${JSON.stringify(report, null, 2)}\n`
            : formatErasureReport(report),
        );
        return EXIT[report.status];
      }
      case 'terraform': {
        const { module, flags } = parse(rest, ['--no-pitr', '--deletion-protection']);
        const tables = await loadTables(module, io.cwd);
        io.stdout(
          toTerraform(tables, {
            pointInTimeRecovery: !flags.has('--no-pitr'),
            ...(flags.has('--deletion-protection') ? { deletionProtection: true } : {}),
          }),
        );
        return EXIT.pass;
      }
      case 'reapply-erasures': {
        const { module, flags, values } = parse(rest, ['--dry-run', '--json'], ['--since']);
        const since = restorePoint(values.get('--since'));
        const eraser = await loadEraser(module, io.cwd);
        const result = await eraser.reapplyErasures({ since, dryRun: flags.has('--dry-run') });
        io.stdout(
          flags.has('--json') ? `${JSON.stringify(result, null, 2)}\n` : formatReapply(result),
        );
        return REAPPLY_EXIT[result.status];
      }
      case 'data-map': {
        const { module, flags } = parse(rest, ['--csv', '--json']);
        const map = toDataMap(await loadTables(module, io.cwd));
        io.stdout(flags.has('--csv') ? map.csv : map.json);
        return EXIT.pass;
      }
      default:
        throw new LoadError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof LoadError) {
      io.stderr(`dynamite: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    // An error the mapper expects (bad input, a refused read) is said, not traced; a bug is.
    const text =
      error instanceof DynamiteError
        ? `${error.code}: ${error.message}`
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    io.stderr(`dynamite: ${text}\n`);
    return EXIT.usage;
  }
}
