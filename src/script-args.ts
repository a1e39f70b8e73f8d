/**
 * The one way every script reads its arguments: `node:util` parseArgs, strict, with `--help`.
 * Unknown options are refused with the usage and exit code 2, so a mistyped flag can never be read
 * as a query, a directory or "go ahead".
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type StrictConfig<O extends Options> = {
  args: string[];
  options: O;
  allowPositionals: boolean;
  strict: true;
};
type Parsed<O extends Options> = ReturnType<typeof parseArgs<StrictConfig<O>>>;

/** What a script's arguments came to: run with these, show the help, or refuse with a reason. */
export type ScriptArgs<O extends Options> =
  | { readonly kind: 'run'; readonly values: Parsed<O>['values']; readonly positionals: string[] }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

/** How a script takes its arguments: its options (without help, which every script has). */
export interface ScriptSpec<O extends Options> {
  readonly options: O;
  /** Whether words that are not options are allowed (a query, a directory, a stage). */
  readonly positionals?: boolean;
}

/** Reads `argv` (without node and the script) against `spec`; pure, so tests need no process. */
export function readScriptArgs<const O extends Options>(
  argv: readonly string[],
  spec: ScriptSpec<O>,
): ScriptArgs<O> {
  const args = [...argv];
  // --help wins over anything else on the line, even an unknown option, but not after `--`:
  // `lookup -- --help` looks up the text "--help".
  const loose = parseArgs({
    args,
    options: { help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
  });
  if (loose.values.help === true) return { kind: 'help' };
  try {
    const config: StrictConfig<O> = {
      args,
      options: spec.options,
      allowPositionals: spec.positionals ?? false,
      strict: true,
    };
    const parsed = parseArgs(config);
    return { kind: 'run', values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    // parseArgs names the option ("Unknown option '--x'"); its codes start with ERR_PARSE_ARGS.
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Reads the process's arguments: `--help` prints `usage` and exits 0; a usage error prints the
 * reason and `usage` on stderr and exits 2; otherwise returns the values and positionals.
 */
export function parseScriptArgs<const O extends Options>(
  usage: string,
  spec: ScriptSpec<O>,
): { values: Parsed<O>['values']; positionals: string[] } {
  const result = readScriptArgs(process.argv.slice(2), spec);
  switch (result.kind) {
    case 'help':
      process.stdout.write(`${usage}\n`);
      return process.exit(0);
    case 'usage-error':
      return exitWithUsage(usage, result.message);
    case 'run':
      return result;
  }
}

/** Refuses the arguments: the reason and the usage on stderr, exit code 2 (a usage error). */
export function exitWithUsage(usage: string, reason: string): never {
  process.stderr.write(`${reason}\n${usage}\n`);
  process.exit(2);
}
