/**
 * The readable form of a JSON log line, for a person at a terminal:
 * `12:04:05.123 WARN  daily post will be retried platform=slack retryInMs=30000`, with an
 * error's stack on the lines below, indented. Machines get the JSON (LOG_FORMAT=json).
 */

/** One JSON log line (with its newline) as one readable line, plus stacks below it. */
export function formatLogLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { time, level, message, ...fields } = record;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const stacks: string[] = [];
  const pairs = Object.entries(fields).map(([key, value]) => {
    if (isErrorRecord(value)) {
      stacks.push(indent(describeStack(value)));
      return `${key}=${quoteIfNeeded(`${value.name}: ${value.message}`)}`;
    }
    return `${key}=${typeof value === 'string' ? quoteIfNeeded(value) : JSON.stringify(value)}`;
  });
  const head = [clock, String(level).toUpperCase().padEnd(5), String(message), ...pairs]
    .filter((part) => part !== '')
    .join(' ');
  return `${[head, ...stacks].join('\n')}\n`;
}

interface ErrorRecord {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly cause?: unknown;
}

function isErrorRecord(value: unknown): value is ErrorRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'name') === 'string' &&
    typeof Reflect.get(value, 'message') === 'string'
  );
}

/** The stack, then each cause's, as Node prints them. */
function describeStack(error: ErrorRecord): string {
  const own = error.stack ?? `${error.name}: ${error.message}`;
  if (isErrorRecord(error.cause)) return `${own}\ncaused by ${describeStack(error.cause)}`;
  if (typeof error.cause === 'string') return `${own}\ncaused by ${error.cause}`;
  return own;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line.trimStart()}`)
    .join('\n');
}

function quoteIfNeeded(text: string): string {
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}
