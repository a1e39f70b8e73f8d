/** The evaluation questions (eval/questions/*.yaml), read and checked once for `eval` and `eval:fit`. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Knowledge } from '../src/core/index.ts';

const questionSchema = z
  .strictObject({
    q: z.string(),
    lang: z.enum(['en', 'uk', 'ru']),
    form: z.enum(['when', 'where', 'who', 'what', 'yesno', 'howmany', 'name', 'other']),
    fact: z.string().nullable().optional(),
    entry: z.string().optional(),
    alt: z.array(z.string()).default([]),
    answer: z.enum(['yes', 'no']).optional(),
    set: z.enum(['dev', 'holdout']),
  })
  .refine((q) => q.fact !== undefined || q.entry !== undefined, {
    message: 'each question needs `fact` (an id, or null) or `entry`',
  });
export type EvalQuestion = z.infer<typeof questionSchema> & { readonly file: string };

export const repoDir = path.join(import.meta.dirname, '..');
const dir = path.join(repoDir, 'eval', 'questions');

/** The question files, sorted, and every question in them. */
export function loadQuestions(): { files: string[]; questions: EvalQuestion[] } {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  const questions = files.flatMap((name) =>
    z
      .array(questionSchema)
      .parse(parse(readFileSync(path.join(dir, name), 'utf8')))
      .map((q) => ({ ...q, file: name })),
  );
  return { files, questions };
}

/** Whether a question asks for a fact (not for an entry by name), and so what ranking answers. */
export function asksForFact(q: EvalQuestion): boolean {
  return q.entry === undefined && q.form !== 'name';
}

/** The fact ids that answer a question rightly: its fact and the alternatives. */
function rightFacts(q: EvalQuestion): string[] {
  return q.fact ? [q.fact, ...q.alt] : [];
}

/** A fact's statement by `entry-id/fact-id`, and its date, for `answersRightly`. */
export interface FactTexts {
  (factId: string): string | undefined;
  readonly dateOf: (factId: string) => string | undefined;
}

/**
 * Whether a fact answers a question rightly: it is one of `rightFacts`, or states word for word
 * what one of them states (the knowledge keeps some statements under two entries, such as a
 * treaty's signatories and the signing president's part), or, asked when, is a fact of the same
 * entry dated the same day (the date is the answer: "when was the easter truce" is answered by
 * its declaration and by its announcement alike, both of 19 April 2025).
 */
export function answersRightly(q: EvalQuestion, factId: string, statementOf: FactTexts): boolean {
  const right = rightFacts(q);
  if (right.includes(factId)) return true;
  const statement = statementOf(factId);
  if (statement !== undefined && right.some((id) => statementOf(id) === statement)) return true;
  if (q.form !== 'when') return false;
  const date = statementOf.dateOf(factId);
  const entry = factId.split('/')[0];
  return (
    date !== undefined &&
    right.some((id) => id.split('/')[0] === entry && statementOf.dateOf(id) === date)
  );
}

/** `entry-id/fact-id` → the fact's statement (and, by `dateOf`, its date). */
export function statements(knowledge: Knowledge): FactTexts {
  const byId = new Map<string, { statement: string; date?: string }>();
  for (const entry of knowledge.entries) {
    for (const fact of entry.facts) {
      byId.set(`${entry.id}/${fact.id}`, {
        statement: fact.statement,
        ...(fact.date ? { date: fact.date } : {}),
      });
    }
  }
  const statementOf = (factId: string) => byId.get(factId)?.statement;
  return Object.assign(statementOf, { dateOf: (factId: string) => byId.get(factId)?.date });
}
