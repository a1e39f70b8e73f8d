import { type App, webApi } from '@slack/bolt';
import {
  apology,
  type Briefing,
  type CommandRequest,
  type Core,
  type LogContext,
  type Logger,
  type RequestContext,
} from '../../core/index.ts';
import { escapeSlackText } from './escape.ts';

/** The core's apology as a private Slack answer. */
export const apologyReply = { response_type: 'ephemeral', text: apology } as const;

/**
 * The core's answer, or undefined after logging why there is none; the listener then apologises.
 * Failures while sending are not caught in the listeners: they reach `logListenerFailures`, the
 * adapter's one catch for transport failures, carrying their context in a `SlackReplyError`.
 */
export async function answerOrLog(
  core: Core,
  request: CommandRequest,
  context: RequestContext,
  logger: Logger,
  where: LogContext,
): Promise<Briefing | undefined> {
  try {
    return await core.handle(request, context);
  } catch (error) {
    logger.error('Slack command failed', { ...describeRequest(request), ...where, error });
    return undefined;
  }
}

/** Log context for a request: ids and the command, and the query escaped so logs stay one line. */
function describeRequest(request: CommandRequest): LogContext {
  return {
    ...(request.id ? { requestId: request.id } : {}),
    command: request.command,
    query: escapeSlackText(request.query),
    user: request.user.id,
    channel: request.channel.id,
  };
}

/** A reply Slack did not take, with what the log needs to find the request again. */
class SlackReplyError extends Error {
  readonly context: LogContext;

  constructor(context: LogContext, cause: unknown) {
    super('Slack reply failed', { cause });
    this.name = 'SlackReplyError';
    this.context = context;
  }
}

/** Sends a reply; a failure is rethrown with the request's log context for the one catch. */
export async function sending(
  request: CommandRequest,
  where: LogContext,
  send: () => Promise<unknown>,
): Promise<void> {
  try {
    await send();
  } catch (error) {
    throw new SlackReplyError({ ...describeRequest(request), ...where }, error);
  }
}

/**
 * The adapter's one catch for transport failures: whatever a listener lets escape (a reply Slack
 * refused, a lost connection) is logged with its context; Bolt keeps serving either way.
 */
export function logListenerFailures(
  app: App,
  logger: Logger,
  onRateLimited: () => void = () => {},
): void {
  app.error(async (error) => {
    const failures = error.originals ?? [error.original ?? error];
    for (const failure of failures) {
      if (failure instanceof SlackReplyError) {
        // The Web API client rejects a 429 at once (slackClientOptions) rather than waiting it out.
        if (Reflect.get(Object(failure.cause), 'code') === webApi.ErrorCode.RateLimitedError)
          onRateLimited();
        logger.error('Slack reply failed', { ...failure.context, error: failure.cause });
      } else {
        logger.error('Slack listener failed', { error: failure, code: error.code });
      }
    }
  });
}
