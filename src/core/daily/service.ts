import { formatDate } from '../briefing/dates.ts';
import type { Briefing, BriefingBlock } from '../briefing/model.ts';
import { shortReply } from '../briefing/replies.ts';
import type { KnowledgeChange, KnowledgeHistoryStore } from '../changes/store.ts';
import type { Headline } from '../feeds/items.ts';
import type { Knowledge } from '../knowledge/load.ts';
import type { CommandRequest, DailyChannelStatus } from '../request.ts';
import type { Clock } from '../schedule/clock.ts';
import {
  addDays,
  canonicalTimeZone,
  localDate,
  localTime,
  zonedInstant,
} from '../schedule/time-zone.ts';
import { composeDailyBriefing } from './content.ts';
import { parseDailyQuery } from './parse.ts';
import type { DailyPlatform, DailyStore, Delivery, Subscription } from './store.ts';
import { subscriptionId } from './store.ts';

/** What the adapter knows about the person and place that the request does not carry. */
export interface DailyRequestContext {
  /**
   * Whether the person may manage this channel: on Discord the Manage Channels permission,
   * on Slack a workspace admin or owner, or someone on the configured allow-list. The adapter decides.
   */
  readonly canManage: boolean;
  /** The workspace's (Slack) or server's (Discord) zone, when the adapter knows it. */
  readonly defaultTimeZone?: string;
  /** Slack team or Discord server id, stored with the subscription for delivery. */
  readonly workspaceId?: string;
  /** Whether the bot can post in the channel, when the platform checks (Slack). */
  readonly channel?: DailyChannelStatus;
}

/** Settings for the daily service. */
export interface DailyServiceConfig {
  readonly store: DailyStore;
  readonly knowledge: Knowledge;
  readonly clock: Clock;
  /** Default local time for a new subscription. */
  readonly defaultTime?: string;
  /** Must match the scheduler's, so status predicts the next post correctly. Default 6 hours. */
  readonly graceMs?: number;
  /** Where the knowledge's changes are recorded: the post leads with those since yesterday's. */
  readonly history?: Pick<KnowledgeHistoryStore, 'listKnowledgeChanges'>;
  /** Headlines from the feeds, when DAILY_HEADLINES is on. */
  readonly headlines?: () => Promise<readonly Headline[]>;
}

/** Answers `/daily` and composes what the scheduler posts; both see the same content. */
export interface DailyService {
  /** Answers subscribe, unsubscribe, status and preview; throws StoreError if the store fails. */
  handle(request: CommandRequest, context: DailyRequestContext): Promise<Briefing>;
  /** The post for a subscription on a local day: the scheduler's `compose`. */
  compose(subscription: Subscription, localDate: string): Promise<Briefing>;
}

const inviteFirst =
  'The bot is not in this channel, so its daily posts would be refused. Invite it first: type /invite @ and the bot’s name here (or open the channel’s details, Integrations, Add apps), then run /daily subscribe again. Nothing was changed.';

/** What a subscriber is told about the channel besides when the first post goes out. */
const channelNote: Record<DailyChannelStatus, string> = {
  member: '',
  joined: ' The bot joined this channel to post here.',
  'invite-needed': '',
  unknown:
    ' The bot could not check that it is in this channel: if it is not, invite it (/invite @ and the bot’s name), or the first post will fail and the subscription will pause.',
};

const managerOnly =
  'Only people who can manage this channel can change its daily briefing: on Discord, members with Manage Channels; on Slack, workspace admins and owners, or people on the allow-list.';

/** Builds the daily service over the store and knowledge. */
export function createDailyService(config: DailyServiceConfig): DailyService {
  const { store, knowledge, clock } = config;
  const defaultTime = config.defaultTime ?? '08:00';
  const graceMs = config.graceMs ?? 6 * 3_600_000;
  const reply = (title: string, text: string, blocks?: readonly BriefingBlock[]) =>
    shortReply(knowledge, title, text, blocks ? { blocks } : {});
  const refuse = (text: string) =>
    shortReply(knowledge, 'Cannot do that', text, { outcome: 'error' });

  /**
   * What the post adds from the store: the knowledge's changes since yesterday's post time in
   * the channel's zone, and the feeds' headlines when they are on.
   */
  const extras = async (
    date: string,
    time: string,
    zone: string,
  ): Promise<{ changes?: readonly KnowledgeChange[]; headlines?: readonly Headline[] }> => {
    const since = zonedInstant(addDays(date, -1), time, zone);
    const changes = config.history
      ? await config.history.listKnowledgeChanges({ since, limit: 50 })
      : [];
    const headlines = config.headlines ? await config.headlines() : [];
    return {
      ...(changes.length > 0 ? { changes } : {}),
      ...(headlines.length > 0 ? { headlines } : {}),
    };
  };

  const compose = async (subscription: Subscription, date: string): Promise<Briefing> => {
    const lastPostDate = await store.lastSentBefore(subscription.id, date);
    return composeDailyBriefing(knowledge, {
      channelKey: subscription.id,
      localDate: date,
      ...(lastPostDate ? { lastPostDate } : {}),
      ...(await extras(date, subscription.time, subscription.timeZone)),
    });
  };

  const defaultZone = (context: DailyRequestContext) =>
    (context.defaultTimeZone && canonicalTimeZone(context.defaultTimeZone)) || 'UTC';

  const describeTime = (instant: number, zone: string) =>
    `${formatDate(localDate(instant, zone))} at ${localTime(instant, zone)} (${zone})`;

  /** When the next post will go out, by the scheduler's own rules. */
  const nextPost = (
    subscription: Subscription,
    today: Delivery | undefined,
    now: number,
  ): number => {
    const date = localDate(now, subscription.timeZone);
    const dueAt = zonedInstant(date, subscription.time, subscription.timeZone);
    const tomorrow = zonedInstant(addDays(date, 1), subscription.time, subscription.timeZone);
    const doneToday = today?.state === 'sent' || today?.state === 'failed';
    if (doneToday || dueAt < subscription.activeSince || now - dueAt > graceMs) return tomorrow;
    if (today?.state === 'retry' && today.nextAttemptAt !== null)
      return Math.max(now, today.nextAttemptAt);
    return Math.max(dueAt, now);
  };

  const describeDelivery = (delivery: Delivery, zone: string): string => {
    const day = formatDate(delivery.localDate);
    switch (delivery.state) {
      case 'sent':
        return `Last post: ${day}${delivery.sentAt !== null ? `, sent ${localTime(delivery.sentAt, zone)}` : ''}${delivery.messageId ? ` (message ${delivery.messageId})` : ''}.`;
      case 'retry':
        return `Post for ${day} is being retried after: ${delivery.error ?? 'an error'}.`;
      case 'claimed':
        return `Post for ${day} is being sent now.`;
      case 'failed':
        return `Post for ${day} failed: ${delivery.error ?? 'unknown error'}.`;
    }
  };

  const platformOf = (request: CommandRequest): DailyPlatform | undefined =>
    request.platform === 'console' ? undefined : request.platform;

  const handle = async (
    request: CommandRequest,
    context: DailyRequestContext,
  ): Promise<Briefing> => {
    const command = parseDailyQuery(request.query);
    const platform = platformOf(request);
    const now = clock.now();
    switch (command.kind) {
      case 'invalid':
        return refuse(command.problem);
      case 'help':
        return reply('Daily briefing', 'A briefing posted here every morning, in your time zone.', [
          {
            type: 'list',
            items: [
              '/daily subscribe [time] [timezone]: post here daily (default 08:00 in your Slack profile time zone, else UTC)',
              '/daily unsubscribe: stop posting here',
              '/daily status: the subscription, next post, last delivery and any problem',
              '/daily preview: what would be posted today, only to you',
            ],
          },
        ]);
      case 'preview': {
        const subscription = platform
          ? await store.getSubscription(platform, request.channel.id)
          : undefined;
        const zone = subscription?.timeZone ?? defaultZone(context);
        const key = subscription?.id ?? subscriptionId(platform ?? 'slack', request.channel.id);
        const date = localDate(now, zone);
        const lastPostDate = subscription
          ? await store.lastSentBefore(subscription.id, date)
          : undefined;
        const briefing = composeDailyBriefing(knowledge, {
          channelKey: key,
          localDate: date,
          ...(lastPostDate ? { lastPostDate } : {}),
          ...(await extras(date, subscription?.time ?? defaultTime, zone)),
        });
        return { ...briefing, visibility: 'ephemeral' };
      }
      case 'subscribe': {
        if (!platform)
          return refuse('Daily posts go to Slack or Discord channels; use /daily preview here.');
        if (!context.canManage) return refuse(managerOnly);
        // Refused before anything is stored: "Subscribed" followed by a first post the platform
        // refuses (Slack's not_in_channel) would only pause the subscription the next morning.
        if (context.channel === 'invite-needed') return refuse(inviteFirst);
        const existing = await store.getSubscription(platform, request.channel.id);
        const time = command.time ?? existing?.time ?? defaultTime;
        const timeZone = command.timeZone ?? existing?.timeZone ?? defaultZone(context);
        const subscription = await store.subscribe(
          {
            platform,
            channelId: request.channel.id,
            time,
            timeZone,
            createdBy: request.user.id,
            ...(context.workspaceId ? { workspaceId: context.workspaceId } : {}),
          },
          now,
        );
        const today = await store.getDelivery(subscription.id, localDate(now, timeZone));
        const next = nextPost(subscription, today, now);
        const verb = !existing
          ? 'Subscribed'
          : existing.status === 'paused'
            ? 'Resumed'
            : 'Updated';
        return reply(
          `${verb}: daily briefing at ${time} (${timeZone})`,
          `The first post goes out ${describeTime(next, timeZone)}.${channelNote[context.channel ?? 'member']}`,
        );
      }
      case 'unsubscribe': {
        if (!platform) return refuse('Daily posts go to Slack or Discord channels.');
        if (!context.canManage) return refuse(managerOnly);
        const removed = await store.unsubscribe(platform, request.channel.id);
        return removed
          ? reply('Unsubscribed', 'This channel will get no more daily briefings.')
          : reply('Not subscribed', 'This channel had no daily briefing.');
      }
      case 'status': {
        const subscription = platform
          ? await store.getSubscription(platform, request.channel.id)
          : undefined;
        if (!subscription) {
          return reply(
            'No daily briefing here',
            'Start one with /daily subscribe [time] [timezone].',
          );
        }
        const zone = subscription.timeZone;
        const today = await store.getDelivery(subscription.id, localDate(now, zone));
        const latest = await store.latestDelivery(subscription.id);
        const lines = [`Posts daily at ${subscription.time} (${zone}).`];
        if (subscription.status === 'paused') {
          lines.push(
            `Paused: ${subscription.pausedReason ?? 'the platform refused the channel'}. Fix the channel (for example, invite the bot back), then run /daily subscribe to resume.`,
          );
        } else {
          lines.push(`Next post: ${describeTime(nextPost(subscription, today, now), zone)}.`);
        }
        if (latest) lines.push(describeDelivery(latest, zone));
        else lines.push('Nothing posted yet.');
        return reply(
          subscription.status === 'paused' ? 'Daily briefing: paused' : 'Daily briefing: active',
          lines[0] ?? '',
          [{ type: 'list', items: lines.slice(1) }],
        );
      }
    }
  };

  return { handle, compose };
}
