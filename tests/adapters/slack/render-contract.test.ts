import { renderBriefingForSlack } from '../../../src/adapters/slack/render.ts';
import { describeRendererContract } from '../renderer-contract.ts';
import { limitViolations, textsOf, unescapedMentions } from './limits-check.ts';

describeRendererContract({
  hasMessageLimit: true,
  name: 'Slack',
  render: (briefing) => renderBriefingForSlack(briefing),
  visibleText: (message) => textsOf(message).join('\n'),
  fallbackText: (message) => message.text,
  limitViolations,
  liveMentions: unescapedMentions,
});
