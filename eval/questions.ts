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

/**
 * Whether a fact answers a question rightly: it is one of `rightFacts`, or states word for word
 * what one of them states (the knowledge keeps some statements under two entries, such as a
 * treaty's signatories and the signing president's part).
 */
export function answersRightly(
  q: EvalQuestion,
  factId: string,
  statementOf: (factId: string) => string | undefined,
): boolean {
  const right = rightFacts(q);
  if (right.includes(factId)) return true;
  const statement = statementOf(factId);
  return statement !== undefined && right.some((id) => statementOf(id) === statement);
}

/** `entry-id/fact-id` → the fact's statement, for `answersRightly`. */
export function statements(knowledge: Knowledge): (factId: string) => string | undefined {
  const byId = new Map<string, string>();
  for (const entry of knowledge.entries) {
    for (const fact of entry.facts) byId.set(`${entry.id}/${fact.id}`, fact.statement);
  }
  return (factId) => byId.get(factId);
}
