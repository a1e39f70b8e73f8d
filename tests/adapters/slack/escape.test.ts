import { describe, expect, it } from 'vitest';
import { decodeSlackText, escapeSlackText, slackLink } from '../../../src/adapters/slack/escape.ts';

describe('escapeSlackText', () => {
  it('escapes the three control characters so mention syntax shows as text', () => {
    expect(escapeSlackText('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });

  it('keeps broadcast words readable but unlinkable with a word joiner', () => {
    expect(escapeSlackText('@here and @Everyone, not me@channelless')).toBe(
      '@\u2060here and @\u2060Everyone, not me@channelless',
    );
  });
});

describe('decodeSlackText', () => {
  it('turns encoded mentions, channels and links into what the person saw', () => {
    expect(
      decodeSlackText(
        '<@U1|ada> in <#C1|general> said <!here> see <https://x.org|x> &amp; <https://y.org>',
      ),
    ).toBe('@ada in #general said @here see x & https://y.org');
  });

  it('decodes entities only once, so typed entity text survives', () => {
    expect(decodeSlackText('&amp;lt; &lt;b&gt;')).toBe('&lt; <b>');
  });
});

describe('slackLink', () => {
  it('links http(s) URLs with an escaped label, keeping query strings', () => {
    expect(slackLink('https://a.org/?x=1&y=2', 'A <b>')).toBe(
      '<https://a.org/?x=1&amp;y=2|A &lt;b&gt;>',
    );
  });

  it('shows anything else as plain text', () => {
    expect(slackLink('https://a.org/x|<!here>', 'A')).toBe('A (https://a.org/x|&lt;!here&gt;)');
  });
});
