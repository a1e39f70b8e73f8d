import type { App } from '@slack/bolt';
import type { EventLedger, Logger } from '../../core/index.ts';
import { slackLimits } from './limits.ts';

/**
 * Answers each Events API event once. Slack delivers an event again when it thinks the first
 * delivery went unanswered (a slow acknowledgement, a lost connection), up to three times, with or
 * without `x-slack-retry-num`; each would otherwise get its own thread reply. Events are recorded
 * by `event_id`, which Slack keeps across retries, in the ledger every instance shares.
 * https://docs.slack.dev/apis/events-api/#retries
 *
 * When the ledger cannot be reached the event is handled anyway: a possible second reply is
 * better than no reply. Bolt has acknowledged events before middleware runs, so a dropped repeat
 * costs Slack nothing.
 */
export function answerEventsOnce(
  app: App,
  ledger: EventLedger,
  logger: Logger,
  now: () => number = Date.now,
): void {
  app.use(async ({ body, context, next }) => {
    const { type, event_id: eventId } = body as { type?: unknown; event_id?: unknown };
    if (type !== 'event_callback' || typeof eventId !== 'string') {
      await next();
      return;
    }
    const at = now();
    let first = true;
    try {
      first = await ledger.firstSighting(
        `slack:event:${eventId}`,
        at,
        at + slackLimits.eventRetryWindowMs,
      );
    } catch (error) {
      logger.warn('Slack event not checked for repeats; handling it', { eventId, error });
    }
    if (!first) {
      logger.info('Slack event already handled; repeat dropped', {
        eventId,
        ...(context.retryNum === undefined ? {} : { retryNum: context.retryNum }),
      });
      return;
    }
    await next();
  });
}
