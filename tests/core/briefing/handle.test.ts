import { beforeAll, describe, expect, it } from 'vitest';
import type {
  Briefing,
  BriefingBlock,
  CommandName,
  CommandRequest,
  Core,
} from '../../../src/core/index.ts';
import { commands } from '../../../src/core/index.ts';
import { fixtureCore, handleInConsole } from '../../helpers/fixture-core.ts';

let core: Core;
beforeAll(async () => {
  core = await fixtureCore();
});

function ask(command: CommandName, query = ''): Promise<Briefing> {
  return handleInConsole(core, command, query);
}

function blocksOf<T extends BriefingBlock['type']>(
  briefing: Briefing,
  type: T,
): Extract<BriefingBlock, { type: T }>[] {
  return briefing.blocks.filter(
    (block): block is Extract<BriefingBlock, { type: T }> => block.type === type,
  );
}

describe('core.handle', () => {
  it('given /brief with no query, gives the overview of the four obstacles in order', async () => {
    const briefing = await ask('brief');
    expect(briefing.outcome).toBe('overview');
    expect(briefing.visibility).toBe('public');
    const [list] = blocksOf(briefing, 'list');
    expect(list?.items.map((item) => item.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.']);
    expect(briefing.summary).toContain('Andreas Umland');
  });

  it('given /agreement budapest, gives a public briefing with dates, signatories, sources and the as-of date', async () => {
    const briefing = await ask('agreement', 'budapest');
    expect(briefing.title).toBe('Budapest Memorandum');
    expect(briefing.visibility).toBe('public');
    expect(blocksOf(briefing, 'list')[0]?.items).toContain(
      'Signed: 5 December 1994, Budapest, Hungary',
    );
    expect(blocksOf(briefing, 'list')[0]?.items).toContain(
      'Signatories: Leonid Kuchma, Ukraine; Boris Yeltsin, Russia',
    );
    expect(blocksOf(briefing, 'citation')[0]?.items[0]?.url).toBe(
      'https://en.wikipedia.org/wiki/Budapest_Memorandum',
    );
    expect(briefing.footer).toContain(
      'Covers events through 22 February 2022 (sources checked 25 November 2026)',
    );
    expect(briefing.footer).toContain('entry reviewed 25 November 2026');
  });

  it('given an agreement, lists as key facts what its glance does not say, and nothing twice', async () => {
    const budapest = await ask('agreement', 'budapest');
    const budapestFacts = blocksOf(budapest, 'facts').flatMap((block) => block.items);
    // Signing and signatories are at a glance; the provisions have no "Key provisions" list to go in.
    expect(budapestFacts.map((fact) => fact.text)).toEqual([
      'The signatories undertook to refrain from economic coercion against Ukraine.',
      "The signatories undertook to respect Ukraine's existing borders.",
    ]);
    // Minsk II's entry names no signatories, so the fact naming them stays; its signing does not.
    const minsk = await ask('agreement', 'minsk ii');
    expect(
      blocksOf(minsk, 'facts').flatMap((block) => block.items.map((fact) => fact.when)),
    ).toEqual(['12 February 2015', '22 February 2022']);
    expect(JSON.stringify(minsk.blocks)).not.toContain('Signed in Minsk on 12 February 2015');
    expect(blocksOf(minsk, 'list')[0]?.items).toContain('Signed: 12 February 2015, Minsk, Belarus');
  });

  it("given an obstacle, its key facts are the record's: the author's claims are its key points already", async () => {
    const briefing = await ask('obstacle', '1');
    expect(blocksOf(briefing, 'list')[0]?.items).toEqual([
      "Ukraine's constitution makes its territory indivisible.",
    ]);
    expect(blocksOf(briefing, 'facts').flatMap((block) => block.items.map((f) => f.text))).toEqual([
      'Russia annexed Crimea in March 2014.',
    ]);
    // The analysis still cites its article.
    expect(blocksOf(briefing, 'citation')[0]?.items.map((c) => c.url)).toContain(
      'https://www.americanpurpose.com/',
    );
  });

  it('given /fact asking what an agreement promised, answers with every promise, each sourced', async () => {
    const briefing = await ask('fact', 'what did the budapest memorandum promise ukraine');
    const [answer] = blocksOf(briefing, 'facts');
    expect(answer?.title).toBe('Answer');
    expect(answer?.items.map((fact) => [fact.text, fact.source])).toEqual([
      [
        'The signatories undertook to refrain from economic coercion against Ukraine.',
        'Budapest Memorandum (Wikipedia)',
      ],
      [
        "The signatories undertook to respect Ukraine's existing borders.",
        'Budapest Memorandum (Wikipedia)',
      ],
    ]);
  });

  it('given /obstacle 3, attributes the analysis to its author', async () => {
    const briefing = await ask('obstacle', '3');
    expect(briefing.title).toBe('Crimea as a trophy');
    expect(blocksOf(briefing, 'paragraph').map((p) => p.text)).toContain(
      'Analysis by Andreas Umland; paraphrased, not quoted.',
    );
  });

  it('given /fact with a question, leads with the answering fact and offers to share it', async () => {
    const briefing = await ask('fact', 'when was minsk ii signed');
    expect(briefing.visibility).toBe('ephemeral');
    const [first] = briefing.blocks;
    expect(first?.type === 'facts' && first.items[0]?.when).toBe('12 February 2015');
    const [actions] = blocksOf(briefing, 'actions');
    expect(actions?.items[0]).toEqual({
      type: 'share',
      label: 'Share in channel',
      request: { command: 'fact', query: 'when was minsk ii signed' },
    });
  });

  it('given an ambiguous query, offers one button per candidate that runs its lookup', async () => {
    const briefing = await ask('brief', 'minsk');
    expect(briefing.outcome).toBe('ambiguous');
    expect(briefing.visibility).toBe('ephemeral');
    const requests = blocksOf(briefing, 'actions')[0]?.items.map((action) => action.request);
    expect(requests).toEqual(
      expect.arrayContaining([
        { command: 'agreement', query: 'Minsk II' },
        { command: 'agreement', query: 'Minsk Protocol' },
      ]),
    );
  });

  it('given an unknown query, says so and suggests nothing unrelated', async () => {
    const briefing = await ask('brief', 'pizza recipe');
    expect(briefing.outcome).toBe('not-found');
    expect(briefing.title).toBe('No match for “pizza recipe”');
    expect(blocksOf(briefing, 'actions')).toEqual([]);
  });

  it('given a query of the wrong kind, points at the entry that does exist', async () => {
    const briefing = await ask('agreement', 'crimea');
    expect(briefing.outcome).toBe('not-found');
    expect(blocksOf(briefing, 'actions')[0]?.items[0]?.request).toEqual({
      command: 'brief',
      query: 'Autonomous Republic of Crimea',
    });
  });

  it('given "help" as the query of any command, answers with help listing every command', async () => {
    for (const briefing of [await ask('brief', 'help'), await ask('help')]) {
      expect(briefing.outcome).toBe('help');
      const items = blocksOf(briefing, 'list')[0]?.items ?? [];
      expect(items).toHaveLength(commands.length);
      expect(items.join('\n')).toContain('/fact query');
    }
  });

  it('given a platform without /help, lists only its commands and says how to ask there', async () => {
    const naming = { offered: ['brief', 'fact'], askForHelp: '/brief help' };
    const request: CommandRequest = {
      command: 'brief',
      query: 'help',
      user: { id: 'U1' },
      channel: { id: 'C1' },
      platform: 'slack',
    };
    const help = await core.handle(request, { commands: naming });
    const items = blocksOf(help, 'list')[0]?.items ?? [];
    expect(items.map((item) => item.split(' ')[0])).toEqual(['/brief', '/fact']);
    expect(items.join('\n')).not.toContain('/help');
    expect(help.summary).toContain('Type /brief help for this list.');
    // The cache must not hand one platform's help to another.
    expect(blocksOf(await ask('brief', 'help'), 'list')[0]?.items).toHaveLength(commands.length);

    const unknown = await core.handle(
      { ...request, command: 'hepl', query: '' },
      { commands: naming },
    );
    expect(unknown.summary).toBe('Unknown command /hepl. Type /brief help for the list.');
  });

  it('given /timeline, lists dated facts oldest first', async () => {
    const briefing = await ask('timeline');
    const dates = blocksOf(briefing, 'facts')[0]?.items.map((item) => item.date ?? '') ?? [];
    expect(dates.length).toBeGreaterThan(3);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]).toBe('1991-12-08');
  });

  it('given /sources, cites every source with its URL', async () => {
    const briefing = await ask('sources');
    const items = blocksOf(briefing, 'citation')[0]?.items ?? [];
    expect(items).toHaveLength(core.knowledge.sources.size);
    expect(items.every((item) => item.url.startsWith('https://'))).toBe(true);
  });

  it('given /agreement with no query, lists the agreements oldest first', async () => {
    const briefing = await ask('agreement');
    const items = blocksOf(briefing, 'list')[0]?.items ?? [];
    expect(items[0]).toMatch(/^8 December 1991: Belovezha Accords/);
  });
});
