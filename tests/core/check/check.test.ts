import { describe, expect, it } from 'vitest';
import { createCore, loadKnowledgeDir } from '../../../src/core/index.ts';
import { handleInConsole } from '../../helpers/fixture-core.ts';
import { repoKnowledgeDir } from './knowledge-dir.ts';

const core = createCore(await loadKnowledgeDir(repoKnowledgeDir));
core.check('warm up the index');

const verdicts = (text: string) =>
  core.check(text).claims.map((claim) => `${claim.entry.id}/${claim.about}: ${claim.verdict}`);

describe('the claim checker', () => {
  it('given the issue example, corrects the date and does not tie the ratification to Minsk II', () => {
    expect(verdicts('Minsk II was signed in 2014 and Russia never ratified Budapest')).toEqual([
      'minsk-ii/signed: differs',
    ]);
  });

  it('given several entries in Ukrainian, judges each claim by the name said before its date', () => {
    expect(
      verdicts('Будапештський меморандум підписали у 1994 році, а Мінськ-2 у 2014 році'),
    ).toEqual(['budapest-memorandum/signed: matches', 'minsk-ii/signed: differs']);
  });

  it('quotes a negated claim with its negation, so "matches" is not read as the opposite', () => {
    const [claim] = core.check('Russia never ratified the Budapest Memorandum').claims;
    expect(claim?.verdict).toBe('matches');
    expect(claim?.said).toContain('never ratified');
  });

  it('given wrong signatories, says who the record says signed, with the source', () => {
    const [claim] = core.check('Merkel and Hollande signed Minsk II').claims;
    expect(claim?.verdict).toBe('differs');
    expect(claim?.record).toContain('Kuchma');
    expect(claim?.source).toBeDefined();
  });

  it('given an agreement the record has no entry into force for, says it is not in the knowledge', () => {
    expect(verdicts('The Minsk Memorandum entered into force on 20 September 2014')).toEqual([
      'minsk-memorandum/in-force: unknown',
    ]);
  });

  it('given a question or an opinion, judges nothing', () => {
    expect(verdicts('Was Minsk II signed in 2014?')).toEqual([]);
    expect(verdicts('honestly i think Minsk II was doomed from the start')).toEqual([]);
  });

  it('given code, links and mentions, reads none of them as a claim', () => {
    const result = core.check(
      '<!channel> ```Minsk II was signed in 2014``` https://x.example/minsk-ii-signed-2014 <@U1>',
    );
    expect(result.claims).toEqual([]);
    expect(result.text).not.toContain('channel');
  });

  it('given no text at all, says there is nothing to check', () => {
    expect(core.check('   ').empty).toBe(true);
  });

  it('given 4,000 characters of mixed scripts, mentions and code, answers cleanly', () => {
    // Its speed is measured by `npm run bench -- --only check`, not here.
    const message =
      'Minsk II was signed in 2014 and Russia never ratified Budapest. Будапештський меморандум підписали у 1994 році @here <@U123> https://x.y/z ```code``` :tada: Мінськ-2 '.repeat(
        40,
      );
    const result = core.check(message);
    expect(result.truncated).toBe(true);
    expect(result.claims.some((claim) => claim.entry.id === 'minsk-ii')).toBe(true);
    expect(result.claims.every((claim) => !/@here|<@U123>|https:/.test(claim.said))).toBe(true);
  });
});

describe('/check through Core.handle', () => {
  it('answers privately, claim by claim, with a Share button', async () => {
    const briefing = await handleInConsole(core, 'check', 'Minsk II was signed in 2014');
    expect(briefing.visibility).toBe('ephemeral');
    expect(briefing.outcome).toBe('check');
    const claims = briefing.blocks.find((b) => b.type === 'list');
    expect(claims?.type === 'list' && claims.items[0]).toContain('the record says');
    expect(briefing.blocks.some((b) => b.type === 'actions')).toBe(true);
  });
});

describe('a verb and the names after it', () => {
  it('given "signed it, and" another agreement, does not judge who signed the other one', () => {
    expect(
      verdicts(
        'Minsk II was signed in 2014, Merkel and Hollande signed it, and the Budapest Memorandum was ratified by the Rada',
      ),
    ).toEqual(['minsk-ii/signed: differs', 'budapest-memorandum/ratified: differs']);
  });
});

describe('what the checker leaves alone rather than correct wrongly', () => {
  it.each([
    [
      'a law signed, not the agreement',
      'Poroshenko signed the law ending the friendship treaty in December 2018',
    ],
    [
      'a signer who signed the law ratifying it',
      'Zelensky signed the law ratifying the minerals deal',
    ],
    ['a date in the next clause', 'Yanukovych, who signed the Kharkiv Pact, fled in 2014'],
    ['a date of something else', 'Kuchma, who signed Minsk II for Ukraine, was president in 1994'],
    ['a signing off', 'The editor signed off on the Budapest Memorandum piece in 2025'],
  ])('given %s, makes no correction', (_, text) => {
    expect(verdicts(text).filter((v) => v.endsWith('differs'))).toEqual([]);
  });

  it('given a list of signers between the verb and the date, still judges the date', () => {
    expect(
      verdicts(
        'The Belovezha Accords were signed by Kravchuk, Yeltsin and Shushkevich in December 1991',
      ),
    ).toEqual(['belovezha-accords/signed: matches', 'belovezha-accords/signatories: matches']);
  });
});
