import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  KnowledgeError,
  loadKnowledgeDir,
  parseFeedsFile,
  promoteSkeleton,
} from '../../../src/core/index.ts';
import { fixtureKnowledgeDir } from '../../helpers/fixture-core.ts';

// The two places the bot reads or writes YAML besides the knowledge: feeds.yaml, and the draft an
// editor promotes a feed item into. Both load the YAML library only when called.
describe('feeds.yaml', () => {
  it('gives every feed with its defaults', async () => {
    const feeds = await parseFeedsFile(
      'feeds.yaml',
      'feeds:\n  - id: kyiv-independent\n    outlet: The Kyiv Independent\n    url: https://kyivindependent.com/feed\n    allow: [ceasefire]\n',
    );
    expect(feeds).toEqual([
      {
        id: 'kyiv-independent',
        outlet: 'The Kyiv Independent',
        url: 'https://kyivindependent.com/feed',
        allow: ['ceasefire'],
        deny: [],
      },
    ]);
  });

  it('names the file, line and field of each problem', async () => {
    const text =
      'feeds:\n  - id: one\n    outlet: One\n    url: https://example.org/a\n  - id: Two Words\n    outlet: Two\n    url: ftp://example.org/b\n';
    const error = await parseFeedsFile('feeds.yaml', text).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KnowledgeError);
    const problems = (error as KnowledgeError).problems.map((p) => [p.line, p.path]);
    expect(problems).toEqual([
      [5, 'feeds[1].id'],
      [7, 'feeds[1].url'],
    ]);
  });
});

describe('a promoted feed item', () => {
  it('is a draft that validates once moved into the knowledge, every TODO still to replace', async () => {
    const yaml = await promoteSkeleton(
      {
        id: 'abc123',
        linkKey: 'example.org/talks',
        guidKey: null,
        feedId: 'example',
        outlet: 'Example News',
        title: 'Delegations meet in Geneva',
        link: 'https://example.org/talks',
        publishedAt: Date.UTC(2026, 1, 17),
        foundAt: Date.UTC(2026, 1, 18),
        status: 'new',
      },
      Date.UTC(2026, 1, 18),
    );
    expect(yaml).toContain('TODO: Delegations meet in Geneva');
    expect(yaml).toContain('Draft from feed item abc123');
    const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-promote-'));
    cpSync(fixtureKnowledgeDir, dir, { recursive: true });
    writeFileSync(path.join(dir, 'draft.yaml'), yaml);
    const knowledge = await loadKnowledgeDir(dir);
    const event = knowledge.entries.find((entry) => entry.title.includes('Geneva'));
    expect(event?.facts[0]?.date).toBe('2026-02-17');
  });
});
