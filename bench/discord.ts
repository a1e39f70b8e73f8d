// Discord slash commands under load: a stream of distinct commands dispatched by the fake gateway
// (tests/fakes/fake-discord.ts) to the real discord.js client running our adapter, side by side
// with a bare discord.js client configured as ours that replies to each with the identical
// payloads (computed beforehand). Each client runs in a process of its own, the fake and the load
// in this one, so the fake's work is not counted against the client under test. Also the
// renderer's cost for 1 KB, 16 KB and 64 KB of text, which should grow in proportion.
// Run through `npm run bench` (bench/run.ts calls benchDiscord).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Events, type InteractionReplyOptions } from 'discord.js';
import { createDiscordAdapter } from '../src/adapters/discord/adapter.ts';
import { deliveryRestOptions } from '../src/adapters/discord/deliverer.ts';
import {
  type DiscordMessagePayload,
  type DiscordRendering,
  noMentions,
  renderBriefingForDiscord,
} from '../src/adapters/discord/render.ts';
import { type Briefing, createCore, loadKnowledgeDir } from '../src/core/index.ts';
import { createLogger } from '../src/infra/logging.ts';
import { ids, slashCommand } from '../tests/adapters/discord/interactions.ts';
import { createFakeDiscord, type RecordedRequest } from '../tests/fakes/fake-discord.ts';
import { type CommandQuery, commandQueries } from './queries.ts';
import { fixed, summarise, timeMicros } from './stats.ts';

const knowledgeDir = path.join(import.meta.dirname, '..', 'knowledge');
const concurrency = 10;
const warmupMs = 500;
const measureMs = 3000;
const rounds = 3;
const streamLength = 16_000;
const streamSeed = 15;

/** One measured run: interactions answered in full (reply and follow-ups) and their latency. */
interface Run {
  readonly answered: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly wrapped: boolean;
}

const keyOf = (query: CommandQuery) => `${query.command} ${query.text}`;

/** Runs one client (ours or bare) in this process, until its parent ends it. */
async function serve(which: 'ours' | 'bare', apiUrl: string, file: string): Promise<void> {
  if (which === 'ours') {
    const core = createCore(await loadKnowledgeDir(knowledgeDir));
    const adapter = createDiscordAdapter(
      { token: 'bench-token', applicationId: ids.application, apiUrl },
      core,
      createLogger('silent'),
    );
    await adapter.start();
    return;
  }
  const payloads = new Map(
    Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, DiscordRendering>),
  );
  // Configured as our adapter's client is: no intents, no mentions, the same REST options.
  const client = new Client({
    intents: [],
    allowedMentions: noMentions,
    rest: { ...deliveryRestOptions, api: apiUrl },
  });
  client.on(Events.InteractionCreate, async (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    const key = `${interaction.commandName} ${interaction.options.getString('query') ?? ''}`;
    const [first, ...rest] = payloads.get(key) ?? [];
    if (!first) return;
    await interaction.reply(replyOptions(first));
    for (const payload of rest) await interaction.followUp(replyOptions(payload));
  });
  await client.login('bench-token');
}

function replyOptions(payload: DiscordMessagePayload): InteractionReplyOptions {
  return {
    embeds: [...payload.embeds],
    components: [...payload.components],
    allowedMentions: noMentions,
    ...(payload.flags === undefined ? {} : { flags: payload.flags }),
  };
}

/** Our renderings of every query, computed in this process (the clients run in their own). */
async function renderings(
  queries: readonly CommandQuery[],
): Promise<Map<string, DiscordRendering>> {
  const core = createCore(await loadKnowledgeDir(knowledgeDir));
  const out = new Map<string, DiscordRendering>();
  for (const query of queries) {
    const briefing = await core.handle(
      {
        command: query.command,
        query: query.text,
        user: { id: ids.user },
        channel: { id: ids.channel },
        platform: 'discord',
      },
      {},
    );
    out.set(keyOf(query), renderBriefingForDiscord(briefing));
  }
  return out;
}

/** Starts one client in a child process against a fresh fake, and drives `runs` measurements. */
async function measureClient(
  which: 'ours' | 'bare',
  queries: readonly CommandQuery[],
  messages: ReadonlyMap<string, number>,
  payloadFile: string,
  offset: number,
): Promise<Run> {
  const fake = await createFakeDiscord({ applicationId: ids.application });
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--serve', which, fake.apiUrl, payloadFile],
    { stdio: 'inherit' },
  );
  try {
    await fake.waitForSession();
    // Requests expected per interaction token, counted down as the client sends them.
    const pending = new Map<string, { left: number; sentAt: bigint; done: () => void }>();
    void fake.waitForRequest((request: RecordedRequest) => {
      if (request.method !== 'POST') return false;
      const token = /^\/(?:interactions\/[^/]+|webhooks\/[^/]+)\/([^/]+)/.exec(request.path)?.[1];
      const waiting = token ? pending.get(token) : undefined;
      if (waiting && --waiting.left === 0) {
        pending.delete(token ?? '');
        waiting.done();
      }
      return false;
    });
    let sequence = offset;
    let sent = 0;
    let measuring = false;
    let stopping = false;
    const latencies: number[] = [];
    const ask = () =>
      new Promise<void>((resolve) => {
        const query = queries[sequence++ % queries.length] as CommandQuery;
        sent++;
        const interaction = slashCommand(query.command, query.text);
        const sentAt = process.hrtime.bigint();
        pending.set(interaction.token, {
          left: messages.get(keyOf(query)) ?? 1,
          sentAt,
          done: () => {
            if (measuring) latencies.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
            resolve();
          },
        });
        fake.dispatchInteraction(interaction.payload);
      });
    const loop = async () => {
      while (!stopping) await ask();
    };
    const loops = Array.from({ length: concurrency }, loop);
    await new Promise((resolve) => setTimeout(resolve, warmupMs));
    measuring = true;
    const startedAt = process.hrtime.bigint();
    await new Promise((resolve) => setTimeout(resolve, measureMs));
    measuring = false;
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    stopping = true;
    await Promise.all(loops);
    const summary = summarise(latencies);
    return {
      answered: latencies.length,
      seconds,
      p50Ms: summary.p50,
      p99Ms: summary.p99,
      wrapped: sent > queries.length,
    };
  } finally {
    child.kill();
    await once(child, 'exit');
    await fake.close();
  }
}

/** Plain text of about `bytes` bytes, from the knowledge's own prose, with markup to escape. */
function proseOf(bytes: number, source: string): string {
  let text = '';
  while (text.length < bytes) text += `${source} `;
  return text.slice(0, bytes);
}

/** Renderer time for one long paragraph of each size; per KB it should stay flat. */
async function renderSeries(): Promise<string[]> {
  const knowledge = await loadKnowledgeDir(knowledgeDir);
  const source = knowledge.entries
    .slice(0, 20)
    .map((entry) => entry.body)
    .join(' ')
    // Some markup in the text, as a pasted quote would carry: every piece has escaping to do.
    .replace(/\. /g, '. *note* [1] ');
  const lines = ['  renderer, one briefing with a paragraph of N KB (best of 15)    ms      µs/KB'];
  for (const kb of [1, 16, 64]) {
    const briefing: Briefing = {
      title: 'Long text',
      visibility: 'public',
      blocks: [{ type: 'paragraph', text: proseOf(kb * 1024, source) }],
      footer: 'bench',
      outcome: 'found',
    };
    renderBriefingForDiscord(briefing);
    const times = Array.from({ length: 15 }, () =>
      timeMicros(() => renderBriefingForDiscord(briefing)),
    );
    // The best run: the machine is shared, and a linear cost is what is shown, not its noise.
    const best = Math.min(...times);
    lines.push(
      `    ${String(kb).padStart(2)} KB${' '.repeat(58)}${fixed(best / 1000, 2, 7)} ${fixed(best / kb, 1, 9)}`,
    );
  }
  return lines;
}

/** Measures Discord slash commands and the renderer; report lines for bench/run.ts. */
export async function benchDiscord(): Promise<string[]> {
  const knowledge = await loadKnowledgeDir(knowledgeDir);
  const queries = commandQueries(knowledge.entries, streamLength, streamSeed);
  const rendered = await renderings(queries);
  const payloadFile = path.join(
    mkdtempSync(path.join(tmpdir(), 'trucebrief-bench-')),
    'discord-payloads.json',
  );
  writeFileSync(payloadFile, JSON.stringify(Object.fromEntries(rendered)));
  const messages = new Map([...rendered].map(([key, payloads]) => [key, payloads.length]));
  const results: Record<'ours' | 'bare', Run[]> = { ours: [], bare: [] };
  for (let round = 0; round < rounds; round++) {
    for (const which of round % 2 === 0
      ? (['ours', 'bare'] as const)
      : (['bare', 'ours'] as const)) {
      results[which].push(await measureClient(which, queries, messages, payloadFile, round * 2503));
    }
  }
  const median = (runs: Run[]) => {
    const sorted = [...runs].sort((a, b) => rate(a) - rate(b));
    return sorted[Math.floor(sorted.length / 2)] as Run;
  };
  const ours = median(results.ours);
  const bare = median(results.bare);
  const format = (run: Run) =>
    `${Math.round(rate(run)).toLocaleString('en-GB').padStart(6)} interactions/s  p50 ${run.p50Ms.toFixed(2)} ms  p99 ${run.p99Ms.toFixed(2)} ms`;
  const wrapped = [...results.ours, ...results.bare].some((run) => run.wrapped);
  return [
    `discord: slash commands through the real discord.js client against the fake gateway and REST on 127.0.0.1, ${concurrency} in flight; a stream of ${queries.length.toLocaleString('en-GB')} distinct generated queries (as for Slack), each answered in full (reply and any follow-ups); median of ${rounds} runs of ${measureMs / 1000} s after ${warmupMs} ms warm-up, each client in its own process`,
    `  trucebrief                       ${format(ours)}`,
    `  bare discord.js, same payloads   ${format(bare)}`,
    `  trucebrief = ${((100 * rate(ours)) / rate(bare)).toFixed(0)}% of the bare client (target ≥ 90%)${wrapped ? '  (the stream wrapped: queries repeated)' : ''}`,
    ...(await renderSeries()),
  ];
}

function rate(run: Run): number {
  return run.answered / run.seconds;
}

// Run directly (`npx tsx bench/discord.ts`), or as a client process with `--serve`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [flag, which, apiUrl, file] = process.argv.slice(2);
  if (flag === '--serve' && (which === 'ours' || which === 'bare') && apiUrl && file) {
    await serve(which, apiUrl, file);
  } else {
    for (const line of await benchDiscord()) process.stdout.write(`${line}\n`);
  }
}
