import { renderBriefingForSlack, type SlackMessage } from '../../../src/adapters/slack/render.ts';
import { describeRendererContract } from '../renderer-contract.ts';
import { limitViolations, textsOf, unescapedMentions } from './limits-check.ts';

const checks = {
  hasMessageLimit: true,
  visibleText: (message: SlackMessage) => textsOf(message).join('\n'),
  fallbackText: (message: SlackMessage) => message.text,
  limitViolations,
  liveMentions: unescapedMentions,
  fallbackMentions: (message: SlackMessage) =>
    unescapedMentions({ text: message.text, blocks: [] }),
} as const;

describeRendererContract({
  ...checks,
  name: 'Slack',
  render: (briefing) => renderBriefingForSlack(briefing),
});

// Daily posts to incoming webhooks use the same renderer, without buttons.
describeRendererContract({
  ...checks,
  name: 'Slack (incoming webhook)',
  interactive: false,
  render: (briefing) => renderBriefingForSlack(briefing, { public: true, interactive: false }),
});
