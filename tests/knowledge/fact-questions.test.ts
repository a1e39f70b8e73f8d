import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { type Core, createCore, loadKnowledgeDir } from '../../src/core/index.ts';

const root = path.join(import.meta.dirname, '..', '..');

const questionSchema = z.strictObject({
  question: z.string().min(1),
  id: z.string().min(1),
  contains: z.union([z.string(), z.number()]).transform(String).optional(),
  // A question the lookup answers wrongly today: it runs as an expected failure, so CI stays green and
  // turns red the day the lookup learns it (then drop the marker). Never a way to weaken a question.
  knownFailure: z.string().min(1).optional(),
});

const questions = z
  .strictObject({ questions: z.array(questionSchema).min(40) })
  .parse(
    parse(readFileSync(path.join(root, 'tests', 'fixtures', 'fact-questions.yaml'), 'utf8')),
  ).questions;

let core: Core;
beforeAll(async () => {
  core = createCore(await loadKnowledgeDir(path.join(root, 'knowledge')));
});

// The bot may answer, or, when not sure enough, say so and offer the closest facts; either way the
// fact asked for must be what it leads with. A confident answer with another fact fails; one kept
// under another entry that states the same answer ("liberated Kherson on 11 November 2022" under
// Kherson Oblast) is the same answer.
function check(question: (typeof questions)[number]): void {
  const result = core.lookup(question.question);
  if (result.status === 'found' && (result.fact || question.contains === undefined)) {
    const sameAnswer =
      question.contains !== undefined && result.fact?.statement.includes(question.contains);
    if (!sameAnswer) expect(result.entry.id, question.question).toBe(question.id);
    if (question.contains !== undefined) {
      expect(result.fact?.statement, question.question).toContain(question.contains);
    }
    return;
  }
  const [closest] = result.suggestedFacts;
  const sameAnswer =
    question.contains !== undefined && closest?.fact.statement.includes(question.contains);
  if (!sameAnswer) expect(closest?.entry.id, question.question).toBe(question.id);
  expect(closest?.fact.statement, question.question).toContain(question.contains ?? '');
}

describe('fact questions, through the lookup the bot uses', () => {
  for (const question of questions) {
    const name = `${JSON.stringify(question.question)} finds ${question.id}${
      question.contains === undefined
        ? ''
        : ` with a fact containing ${JSON.stringify(question.contains)}`
    }`;
    if (question.knownFailure) {
      it.fails(`${name} (known lookup failure: ${question.knownFailure})`, () => check(question));
    } else {
      it(name, () => check(question));
    }
  }
});
