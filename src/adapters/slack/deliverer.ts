import { type App, webApi } from '@slack/bolt';
import {
  type Briefing,
  type Core,
  type DailyDeliverer,
  type DailyPostKey,
  DeliveryError,
  type DeliveryFailure,
  type DeliveryReceipt,
  type DeliveryTarget,
  type Logger,
} from '../../core/index.ts';
import { slackLimits } from './limits.ts';
import { SlackNotInstalledError } from './oauth-installations.ts';
import { renderBriefingForSlack } from './render.ts';
import { uploadPicture } from './upload.ts';

/** The Bolt Web API client, as the listeners and the deliverer use it. */
export type SlackWebClient = App['client'];

/**
 * Settings for Bolt's Web API client. Its defaults retry a failed call ten times over about half
 * an hour and, on a 429, pause every call on that client for Retry-After before retrying: a daily
 * post would stall a scheduler worker for minutes and its claim lease would lapse, and the
 * scheduler would never see the 429 it paces the channel on. The scheduler owns retries (with the
 * store's lease and the grace window), and an interactive answer has 3 seconds, so calls fail fast.
 * https://docs.slack.dev/tools/node-slack-sdk/web-api (and `makeRequest` in @slack/web-api 8.2)
 */
export const slackClientOptions = {
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  // A hung call is abandoned well inside the scheduler's 2-minute claim lease.
  timeout: 10_000,
} as const;

/**
 * chat.postMessage errors that will not go away by retrying: the bot was removed, the channel is
 * gone or archived, or the install lost its access. The subscription is paused with the code.
 * https://docs.slack.dev/reference/methods/chat.postMessage#errors
 */
const permanentErrors: ReadonlySet<string> = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'restricted_action',
  'restricted_action_read_only_channel',
  'team_access_not_granted',
]);

/**
 * The marker a daily post carries in its message metadata, so a later attempt can find it.
 * https://docs.slack.dev/messaging/message-metadata
 */
const dailyEventType = 'trucebrief_daily';

/**
 * How far back a repeat attempt looks for its post: the newest messages in the channel. Retries
 * come within minutes of the first try, so the post is near the top unless the channel is very busy.
 * https://docs.slack.dev/reference/methods/conversations.history (limit: up to 999, 200 advised)
 */
const historyLookback = 200;

/**
 * A workspace's bot token, for OAuth mode, where every workspace has its own: rejects with
 * SlackNotInstalledError when the workspace has none.
 */
export type SlackBotTokenLookup = (teamId: string) => Promise<string>;

/** What a daily post's picture needs: the core to draw it, a logger for an upload that fails. */
export interface SlackDeliveryPictures {
  readonly core: Core;
  readonly logger: Logger;
}

/** How the deliverer posts: whose token, and whether pictures follow the posts. */
export interface SlackDelivererOptions {
  /**
   * OAuth: the token of the workspace that subscribed, looked up for every post so a refreshed
   * or revoked token takes effect at once. Without it, the app's one token.
   */
  readonly tokenOf?: SlackBotTokenLookup;
  /** OAuth: the workspace of a post that names none (the editors' digest channel). */
  readonly defaultWorkspace?: string;
  /** A post's picture follows it into its thread. */
  readonly pictures?: SlackDeliveryPictures;
}

/**
 * Builds the deliverer that posts daily briefings with the Bolt app's client (so SLACK_API_URL
 * applies).
 */
export function createSlackDeliverer(
  client: SlackWebClient,
  options: SlackDelivererOptions = {},
): DailyDeliverer {
  return {
    platform: 'slack',
    rateLimit: { perTargetIntervalMs: slackLimits.postIntervalMs },
    send: async (target: DeliveryTarget, briefing: Briefing): Promise<DeliveryReceipt> => {
      // Posted for everyone, so the briefing drops its own "Share in channel" button.
      const message = renderBriefingForSlack(briefing, { public: true });
      const { post } = target;
      const { tokenOf, pictures } = options;
      let ts: string | undefined;
      let token: { token?: string } = {};
      try {
        const workspace = target.workspaceId ?? options.defaultWorkspace ?? null;
        token = tokenOf ? { token: await workspaceToken(tokenOf, workspace) } : {};
        // Slack has no idempotency key: a post accepted but answered after the client gave up
        // (or whose instance died) is only known by looking, so every repeat attempt looks first.
        if (post && post.attempt > 1) {
          const ts = await findPost(client, target.channelId, post, token);
          if (ts) return { messageId: ts };
        }
        const result = await client.chat.postMessage({
          ...token,
          channel: target.channelId,
          ...message,
          ...(post ? { metadata: markerOf(post) } : {}),
        });
        ts = result.ts;
      } catch (error) {
        if (error instanceof DeliveryError) throw error;
        throw new DeliveryError(slackDeliveryFailure(error), undefined, { cause: error });
      }
      // The picture goes into the post's thread, after the post and only by the attempt that
      // made it: an upload cannot carry the metadata a repeat looks for, so a picture posted on
      // its own could be posted twice, and one uploaded before the post could be left orphaned.
      // A repeat that finds the post (above) uploads nothing; the post's text says what the
      // picture shows, so at worst the picture is missing, never doubled. Its failures are logged.
      if (pictures && ts && briefing.picture) {
        await uploadPicture(
          client,
          pictures.core,
          briefing,
          { channel: target.channelId, threadTs: ts, ...token },
          pictures.logger,
          { channelId: target.channelId, workspaceId: target.workspaceId },
        );
      }
      return { messageId: ts ?? null };
    },
  };
}

/**
 * The subscribing workspace's token. A subscription with no workspace, or a workspace with no
 * installation (uninstalled since), cannot be posted to until someone installs and subscribes
 * again: permanent, so the scheduler pauses it with the reason.
 */
async function workspaceToken(
  tokenOf: SlackBotTokenLookup,
  teamId: string | null,
): Promise<string> {
  if (!teamId) {
    throw new DeliveryError({ kind: 'permanent', reason: 'no Slack workspace recorded' });
  }
  try {
    return await tokenOf(teamId);
  } catch (error) {
    if (error instanceof SlackNotInstalledError) {
      throw new DeliveryError({ kind: 'permanent', reason: 'app_not_installed' }, undefined, {
        cause: error,
      });
    }
    // The store or a token refresh failed: worth another try.
    throw new DeliveryError(
      {
        kind: 'transient',
        reason: `no token: ${error instanceof Error ? error.message : String(error)}`,
      },
      undefined,
      { cause: error },
    );
  }
}

function markerOf(post: DailyPostKey) {
  return {
    event_type: dailyEventType,
    event_payload: { subscription: post.subscriptionId, date: post.localDate },
  };
}

/**
 * The ts of this day's post if it is already in the channel. Without include_all_metadata Slack
 * returns only the metadata this app posted, so another app cannot fake the marker.
 */
async function findPost(
  client: SlackWebClient,
  channel: string,
  post: DailyPostKey,
  token: { readonly token?: string },
): Promise<string | undefined> {
  const history = await client.conversations.history({
    ...token,
    channel,
    limit: historyLookback,
  });
  const found = (history.messages ?? []).find((message) => {
    const metadata = message.metadata;
    // The SDK types the payload as `{}`; it is the JSON object the post carried.
    const payload: Readonly<Record<string, unknown>> = metadata?.event_payload ?? {};
    return (
      metadata?.event_type === dailyEventType &&
      payload.subscription === post.subscriptionId &&
      payload.date === post.localDate
    );
  });
  return found?.ts;
}

/** What a failed Web API call means for the scheduler: wait, back off and retry, or pause. */
function slackDeliveryFailure(error: unknown): DeliveryFailure {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { kind: 'rate-limited', retryAfterMs: error.retryAfter * 1000 };
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    // Slack can also say `ratelimited` in an HTTP 200 body; its Retry-After lands in the metadata.
    if (code === 'ratelimited' || code === 'rate_limited') {
      const seconds = error.data.response_metadata?.retryAfter ?? 1;
      return { kind: 'rate-limited', retryAfterMs: seconds * 1000 };
    }
    return permanentErrors.has(code)
      ? { kind: 'permanent', reason: code }
      : { kind: 'transient', reason: code };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    return { kind: 'transient', reason: `HTTP ${error.statusCode}` };
  }
  if (error instanceof webApi.WebAPIRequestError) {
    return { kind: 'transient', reason: `network error or timeout: ${error.original.message}` };
  }
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}
