import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  anniversariesOn,
  composeDailyBriefing,
  focusFor,
  rotationOf,
} from '../../../src/core/daily/content.ts';
import { parseDailyQuery } from '../../../src/core/daily/parse.ts';
import { createDailyService, type DailyService } from '../../../src/core/daily/service.ts';
import type { DailyStore } from '../../../src/core/index.ts';
import type { Knowledge } from '../../../src/core/knowledge/load.ts';
import type { CommandRequest } from '../../../src/core/request.ts';
import { createManualClock, type ManualClock } from '../../../src/core/schedule/clock.ts';
import { addDays } from '../../../src/core/schedule/time-zone.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { fixtureKnowledge } from '../../helpers/fixture-core.ts';

const request = (
  query: string,
  platform: CommandRequest['platform'] = 'slack',
): CommandRequest => ({
  command: 'daily',
  query,
  user: { id: 'U1' },
  channel: { id: 'C1' },
  platform,
});
const text = (value: unknown) => JSON.stringify(value);

describe('daily content', () => {
  let knowledge: Knowledge;
  beforeEach(async () => {
    knowledge = await fixtureKnowledge();
  });

  it('is the same for the same channel and date', () => {
    const input = { channelKey: 'slack:C1', localDate: '2026-12-05' };
    expect(composeDailyBriefing(knowledge, input)).toEqual(composeDailyBriefing(knowledge, input));
  });

  it('walks a channel through every obstacle and agreement on consecutive days', () => {
    const rotation = rotationOf(knowledge);
    expect(rotation.length).toBeGreaterThanOrEqual(8);
    const seen = rotation.map(
      (_, i) => focusFor(knowledge, 'slack:C1', addDays('2026-12-01', i))?.id,
    );
    expect(new Set(seen).size).toBe(rotation.length);
    expect(rotation.slice(0, 4).map((e) => e.kind)).toEqual(Array(4).fill('obstacle'));
  });

  it('carries the map, with its text, on the territorial obstacle’s day and no picture otherwise', () => {
    const rotation = rotationOf(knowledge);
    const days = rotation.map((_, i) => addDays('2026-12-01', i));
    const briefings = days.map((localDate) =>
      composeDailyBriefing(knowledge, { channelKey: 'slack:C1', localDate }),
    );
    const withPicture = briefings.filter((briefing) => briefing.picture);
    expect(withPicture).toHaveLength(1);
    const [mapDay] = withPicture;
    expect(mapDay?.picture?.kind).toBe('map');
    expect(text(mapDay?.blocks)).toContain('Obstacle 1');
    // The picture's text equivalent is in the post itself.
    expect(text(mapDay?.blocks)).toContain('Highlighted are the six units');
  });

  it('marks the Budapest Memorandum on 5 December', () => {
    const found = anniversariesOn(knowledge, '2026-12-05');
    expect(found.map((a) => [a.entryId, a.date])).toContainEqual([
      'budapest-memorandum',
      '1994-12-05',
    ]);
    const briefing = composeDailyBriefing(knowledge, { channelKey: 'x', localDate: '2026-12-05' });
    const onThisDay = briefing.blocks.find((b) => b.type === 'facts' && b.title === 'On this day');
    expect(text(onThisDay)).toContain('Budapest Memorandum signed (32 years ago)');
    expect(anniversariesOn(knowledge, '2026-12-06')).toEqual([]);
  });

  it('lists entries reviewed since the channel’s last post, and the as-of date in the footer', () => {
    // Fixture entries were reviewed on 2026-11-25.
    const after = composeDailyBriefing(knowledge, {
      channelKey: 'x',
      localDate: '2026-11-26',
      lastPostDate: '2026-11-24',
    });
    expect(text(after)).toContain('New or updated since the last post (24 November 2026)');
    const later = composeDailyBriefing(knowledge, {
      channelKey: 'x',
      localDate: '2026-11-27',
      lastPostDate: '2026-11-26',
    });
    expect(text(later)).not.toContain('New or updated');
    expect(after.footer).toContain('Covers events through');
    expect(after).toMatchObject({
      outcome: 'daily',
      visibility: 'public',
      title: 'Daily briefing: 26 November 2026',
    });
  });
});

describe('parseDailyQuery', () => {
  it('reads subcommands, times and zones in either order', () => {
    expect(parseDailyQuery('')).toEqual({ kind: 'help' });
    expect(parseDailyQuery('subscribe')).toEqual({ kind: 'subscribe' });
    expect(parseDailyQuery('subscribe 7:30 europe/kyiv')).toEqual({
      kind: 'subscribe',
      time: '07:30',
      timeZone: 'Europe/Kyiv',
    });
    expect(parseDailyQuery('subscribe America/New_York 6 pm')).toEqual({
      kind: 'subscribe',
      time: '18:00',
      timeZone: 'America/New_York',
    });
    expect(parseDailyQuery('STATUS')).toEqual({ kind: 'status' });
  });

  it('explains a bad zone, a bad time and a bad subcommand', () => {
    const zone = parseDailyQuery('subscribe 08:00 Europe/Kiyv');
    expect(zone.kind === 'invalid' && zone.problem).toContain(
      '"Europe/Kiyv" is not a time zone I know',
    );
    const time = parseDailyQuery('subscribe 25:00');
    expect(time.kind === 'invalid' && time.problem).toContain('"25:00" is not a time');
    expect(parseDailyQuery('sometimes').kind).toBe('invalid');
    expect(parseDailyQuery('status now').kind).toBe('invalid');
  });
});

describe('daily service', () => {
  let store: DailyStore;
  let clock: ManualClock;
  let service: DailyService;
  const manager = { canManage: true, defaultTimeZone: 'Europe/Kyiv', workspaceId: 'T1' };

  beforeEach(async () => {
    store = createSqliteStore({ file: ':memory:', clock: () => clock.now() });
    await store.migrate();
    clock = createManualClock(Date.parse('2026-12-04T12:00:00Z')); // 14:00 in Kyiv
    service = createDailyService({ store, knowledge: await fixtureKnowledge(), clock });
  });
  afterEach(async () => {
    await store.close();
  });

  it('refuses subscribe and unsubscribe to people who cannot manage the channel', async () => {
    for (const query of ['subscribe', 'unsubscribe']) {
      const reply = await service.handle(request(query), { canManage: false });
      expect(reply).toMatchObject({ outcome: 'error', visibility: 'ephemeral' });
      expect(reply.summary).toContain('Only people who can manage this channel');
    }
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('subscribes with the workspace zone and 08:00 by default, and says when the first post comes', async () => {
    const reply = await service.handle(request('subscribe'), manager);
    expect(reply.title).toBe('Subscribed: daily briefing at 08:00 (Europe/Kyiv)');
    expect(reply.summary).toBe('The first post goes out 5 December 2026 at 08:00 (Europe/Kyiv).');
    expect(await store.getSubscription('slack', 'C1')).toMatchObject({
      workspaceId: 'T1',
      createdBy: 'U1',
    });
    const utc = await service.handle(
      { ...request('subscribe'), channel: { id: 'C2' } },
      { canManage: true },
    );
    expect(utc.title).toContain('(UTC)');
  });

  it('rejects an unknown zone with a clear error and saves nothing', async () => {
    const reply = await service.handle(request('subscribe 08:00 Mars/Base'), manager);
    expect(reply.outcome).toBe('error');
    expect(reply.summary).toContain('Europe/Kyiv');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('shows status: next post in local time, last delivery and a pause reason', async () => {
    expect((await service.handle(request('status'), manager)).title).toBe('No daily briefing here');
    await service.handle(request('subscribe 07:30'), manager);
    const active = await service.handle(request('status'), manager);
    expect(text(active)).toContain('Next post: 5 December 2026 at 07:30 (Europe/Kyiv)');
    expect(text(active)).toContain('Nothing posted yet');
    const claim = await store.claimDelivery({
      subscriptionId: 'slack:C1',
      localDate: '2026-12-04',
      instanceId: 'x',
      leaseMs: 1000,
    });
    if (claim.outcome !== 'claimed') throw new Error('expected a claim');
    await store.completeDelivery(claim.claim, { messageId: '1733.5' });
    await store.pause('slack:C1', 'channel_not_found', clock.now());
    const paused = await service.handle(request('status'), manager);
    expect(paused.title).toBe('Daily briefing: paused');
    expect(text(paused)).toContain('Paused: channel_not_found');
    expect(text(paused)).toContain('Last post: 4 December 2026, sent 14:00 (message 1733.5)');
    const resumed = await service.handle(request('subscribe'), manager);
    expect(resumed.title).toBe('Resumed: daily briefing at 07:30 (Europe/Kyiv)');
  });

  it('previews exactly what the scheduler will post today, but only to the asker', async () => {
    await service.handle(request('subscribe'), manager);
    const subscription = await store.getSubscription('slack', 'C1');
    if (!subscription) throw new Error('expected a subscription');
    const preview = await service.handle(request('preview'), { canManage: false });
    const posted = await service.compose(subscription, '2026-12-04');
    expect(preview.visibility).toBe('ephemeral');
    expect({ ...preview, visibility: 'public' }).toEqual(posted);
    // The console has no channel to subscribe, but can preview.
    expect((await service.handle(request('preview', 'console'), { canManage: true })).outcome).toBe(
      'daily',
    );
    expect(
      (await service.handle(request('subscribe', 'console'), { canManage: true })).outcome,
    ).toBe('error');
  });

  it('unsubscribes', async () => {
    await service.handle(request('subscribe'), manager);
    expect((await service.handle(request('unsubscribe'), manager)).title).toBe('Unsubscribed');
    expect((await service.handle(request('unsubscribe'), manager)).title).toBe('Not subscribed');
  });
});
