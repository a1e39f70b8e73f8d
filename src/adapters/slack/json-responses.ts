import type { HTTPReceiver } from '@slack/bolt';

/**
 * Declares every response of the receiver JSON before Bolt writes it. Every answer on the events
 * endpoint is JSON; saying so up front lets a slash command's acknowledgement carry a briefing
 * serialised once (Bolt sends a string body as it is) instead of Bolt serialising the same object
 * on every request. `npm run bench` measures the difference.
 */
export function declareJsonResponses(receiver: HTTPReceiver): void {
  const boltListener = receiver.requestListener;
  receiver.requestListener = (request, response) => {
    response.setHeader('content-type', 'application/json');
    boltListener(request, response);
  };
}
