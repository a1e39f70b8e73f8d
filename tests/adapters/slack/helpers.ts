import { readFile } from 'node:fs/promises';
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
} from '../../../src/adapters/slack/adapter.ts';
import { type Core, createCore, type Logger } from '../../../src/core/index.ts';
import { parseKnowledge } from '../../../src/core/knowledge/validate.ts';
import { createLogger } from '../../../src/infra/logging.ts';
import {
  createFakeSlack,
  type FakeSlack,
  type FakeSlackWorkspace,
} from '../../fakes/fake-slack.ts';

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

/** The start of an OAuth install, as the browser sees it: Slack's authorize URL and the state cookie. */
export interface StartedInstall {
  readonly status: number;
  /** Where /slack/install sent the browser: Slack's authorize page. */
  readonly authorizeUrl: URL;
  /** The signed state in the authorize URL. */
  readonly state: string;
  /** `name=value` of the state cookie, as the browser sends it back. */
  readonly cookie: string;
}

/** GET /slack/install on the app, without following the redirect. */
export async function startInstall(appUrl: string): Promise<StartedInstall> {
  const response = await fetch(`${appUrl}/slack/install`, { redirect: 'manual' });
  await response.text();
  const authorizeUrl = new URL(response.headers.get('location') ?? 'about:blank');
  return {
    status: response.status,
    authorizeUrl,
    state: authorizeUrl.searchParams.get('state') ?? '',
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
  };
}

/** GET /slack/oauth_redirect with these query fields and cookie, as Slack sends the browser back. */
export async function finishInstall(
  appUrl: string,
  query: Readonly<Record<string, string>>,
  cookie?: string,
): Promise<{ status: number; text: string }> {
  const response = await fetch(
    `${appUrl}/slack/oauth_redirect?${new URLSearchParams(query).toString()}`,
    { redirect: 'manual', ...(cookie ? { headers: { cookie } } : {}) },
  );
  return { status: response.status, text: await response.text() };
}

/**
 * Installs the app in a workspace of the fake through OAuth, as a browser would: /slack/install,
 * "Allow" on Slack's page (the fake hands out a code), then the redirect back with code and state.
 */
export async function installThroughOAuth(
  appUrl: string,
  fake: FakeSlack,
  workspace: FakeSlackWorkspace,
): Promise<{ status: number; text: string }> {
  const started = await startInstall(appUrl);
  const code = fake.authorizeInstall(workspace);
  return finishInstall(appUrl, { code, state: started.state }, started.cookie);
}

/** The signing secret the HTTP-mode tests sign their requests with. */
export const testSigningSecret = 'test-signing-secret-0123456789abcdef';

/** A Slack app in HTTP mode through the real adapter and Bolt, against a fresh fake Slack. */
export interface SlackHttpApp {
  readonly fake: FakeSlack;
  readonly adapter: SlackAdapter;
  /** Where Slack posts commands, interactions and events (`/slack/events`). */
  readonly eventsUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the real Slack adapter in HTTP mode on 127.0.0.1 against a new fake Slack, with the
 * test core and a recording logger unless given.
 */
export async function startSlackHttpApp(
  options: {
    readonly core?: Core;
    readonly logger?: Logger;
    readonly adapter?: SlackAdapterOptions;
  } = {},
): Promise<SlackHttpApp> {
  const fake = await createFakeSlack();
  const adapter = createSlackAdapter(
    {
      botToken: 'xoxb-test-token',
      signingSecret: testSigningSecret,
      apiUrl: fake.apiUrl,
      port: 0,
      dailyManagers: [],
    },
    options.core ?? (await createTestCore()),
    options.logger ?? createRecordingLogger().logger,
    { host: '127.0.0.1', ...options.adapter },
  );
  await adapter.start();
  return {
    fake,
    adapter,
    eventsUrl: `http://127.0.0.1:${adapter.port}/slack/events`,
    close: async () => {
      await adapter.stop();
      await fake.close();
    },
  };
}
