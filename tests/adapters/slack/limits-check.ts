import { slackLimits } from '../../../src/adapters/slack/limits.ts';
import { blockLength, type SlackMessage } from '../../../src/adapters/slack/render.ts';
import { assertNever } from '../../../src/core/index.ts';

/** Every way a message breaks Slack's limits; empty when Slack would accept it. */
export function limitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (message.text.trim().length === 0) problems.push('empty fallback text');
  if (message.text.length > slackLimits.messageText) problems.push('fallback text too long');
  if (message.blocks.length > slackLimits.blocksPerMessage) problems.push('too many blocks');
  const total = message.blocks.reduce(
    (sum, block) => sum + blockLength(block),
    message.text.length,
  );
  if (total > slackLimits.totalText)
    problems.push(`total text ${total} over ${slackLimits.totalText}`);
  const actionIds = new Set<string>();
  for (const block of message.blocks) {
    switch (block.type) {
      case 'header':
        if (block.text.text.length > slackLimits.headerText) problems.push('header too long');
        if (block.text.text.trim().length === 0) problems.push('empty header');
        break;
      case 'section':
        if (block.text.text.length > slackLimits.sectionText) problems.push('section too long');
        if (block.text.text.trim().length === 0) problems.push('empty section');
        break;
      case 'context':
        if (block.elements.length > slackLimits.contextElements) problems.push('context too wide');
        for (const element of block.elements) {
          if (element.text.length > slackLimits.textObject) problems.push('context text too long');
          if (element.text.trim().length === 0) problems.push('empty context text');
        }
        break;
      case 'actions':
        if (block.elements.length > slackLimits.actionsElements) problems.push('too many buttons');
        for (const button of block.elements) {
          if (button.text.text.length > slackLimits.buttonText)
            problems.push('button label too long');
          if (button.text.text.trim().length === 0) problems.push('empty button label');
          if (button.value.length > slackLimits.buttonValue) problems.push('button value too long');
          if (button.action_id.length > slackLimits.actionId) problems.push('action_id too long');
          if (actionIds.has(button.action_id)) problems.push('duplicate action_id');
          actionIds.add(button.action_id);
        }
        break;
      case 'image':
        if (block.alt_text.length > slackLimits.imageAltText) problems.push('alt text too long');
        if (block.alt_text.trim().length === 0) problems.push('empty alt text');
        if (block.title.text.length > slackLimits.imageTitle) problems.push('image title too long');
        if (block.image_url.length > slackLimits.imageUrl) problems.push('image_url too long');
        if (!/^https?:\/\//.test(block.image_url)) problems.push('image_url not http(s)');
        break;
    }
  }
  return problems;
}

/** Every text a message shows, for checking what Slack would parse. */
export function textsOf(message: SlackMessage): string[] {
  return [
    message.text,
    ...message.blocks.flatMap((block) => {
      switch (block.type) {
        case 'header':
        case 'section':
          return [block.text.text];
        case 'context':
          return block.elements.map((element) => element.text);
        case 'actions':
          return block.elements.map((button) => button.text.text);
        case 'image':
          // Plain text: Slack parses no mrkdwn or mentions in a title or alt text.
          return [];
        default:
          return assertNever(block);
      }
    }),
  ];
}

/**
 * Mentions or broadcasts Slack would act on: any `<…>` that is not one of our http(s) links, or a
 * bare @channel/@here/@everyone.
 */
export function unescapedMentions(message: SlackMessage): string[] {
  return textsOf(message).flatMap((text) => [
    ...[...text.matchAll(/<(?!https?:\/\/)[^>]*>?/g)].map((match) => match[0]),
    ...[...text.matchAll(/@(channel|here|everyone)\b/gi)].map((match) => match[0]),
  ]);
}
