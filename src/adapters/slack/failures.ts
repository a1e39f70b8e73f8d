import type { App } from '@slack/bolt';
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
 * This is each listener's one catch for the answer; Bolt's error handler logs what escapes the
 * listeners while sending (see `logListenerFailures`).
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
export function describeRequest(request: CommandRequest): LogContext {
  return {
    command: request.command,
    query: escapeSlackText(request.query),
    user: request.user.id,
    channel: request.channel.id,
  };
}

/** Anything a listener lets escape still gets logged; Bolt keeps serving either way. */
export function logListenerFailures(app: App, logger: Logger): void {
  app.error(async (error) => {
    logger.error('Slack listener failed', { error, code: error.code });
  });
}
