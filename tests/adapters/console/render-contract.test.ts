import { renderBriefingAsText } from '../../../src/adapters/console/render.ts';
import { describeRendererContract } from '../renderer-contract.ts';

const width = 80;

describeRendererContract({
  hasMessageLimit: false,
  name: 'console',
  render: (briefing) => renderBriefingAsText(briefing, { width }),
  visibleText: (text) => text,
  fallbackText: (text) => text,
  // A terminal has no message limit; its one rule is the width, which only URLs may exceed.
  limitViolations: (text) =>
    text
      .split('\n')
      .filter((line) => line.length > width && !/https?:\/\//.test(line) && !/\S{40,}/.test(line))
      .map((line) => `line over ${width}: ${line.slice(0, 40)}…`),
  // A terminal pings no one.
  liveMentions: () => [],
  fallbackMentions: () => [],
});
