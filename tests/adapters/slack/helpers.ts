import { readFile } from 'node:fs/promises';
import { type Core, createCore, type Logger } from '../../../src/core/index.ts';
import { parseKnowledge } from '../../../src/core/knowledge/validate.ts';
import { createLogger } from '../../../src/infra/logging.ts';

const fixture = new URL('../../fixtures/slack/knowledge.yaml', import.meta.url);
// The bot's own lexicon: questions in the tests are read as the bot reads them.
const lexicon = new URL('../../../knowledge/lexicon.yaml', import.meta.url);

/** The real core over the Slack test knowledge. */
export async function createTestCore(): Promise<Core> {
  const text = await readFile(fixture, 'utf8');
  return createCore(
    parseKnowledge([
      { file: 'tests/fixtures/slack/knowledge.yaml', text },
      { file: 'knowledge/lexicon.yaml', text: await readFile(lexicon, 'utf8') },
    ]),
  );
}

/** A real logger whose JSON lines are kept for assertions. */
export function createRecordingLogger(): { logger: Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const logger = createLogger('debug', (line) => {
    records.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { logger, records };
}

/** A Slack JSON message as the tests read it. */
export interface ReceivedMessage {
  readonly response_type?: string;
  readonly replace_original?: boolean;
  readonly delete_original?: boolean;
  readonly text?: string;
  readonly thread_ts?: string;
  readonly blocks?: readonly ReceivedBlock[];
}

/** A Block Kit block as the tests read it. */
export interface ReceivedBlock {
  readonly type: string;
  readonly text?: { readonly text: string };
  readonly elements?: readonly {
    readonly type: string;
    readonly text?: string | { readonly text: string };
    readonly action_id?: string;
    readonly value?: string;
  }[];
}

/** The header text of a message, which is the briefing's title. */
export function headerOf(message: ReceivedMessage): string | undefined {
  return message.blocks?.find((block) => block.type === 'header')?.text?.text;
}

/** Every button in a message, with its label. */
export function buttonsOf(
  message: ReceivedMessage,
): { label: string; actionId: string; value: string }[] {
  return (message.blocks ?? [])
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? [])
    .map((element) => ({
      label: typeof element.text === 'object' ? element.text.text : String(element.text),
      actionId: element.action_id ?? '',
      value: element.value ?? '',
    }));
}
