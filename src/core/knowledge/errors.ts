import { TrucebriefError } from '../errors.ts';

/** One problem in the knowledge files, located to a file, a line and a field path. */
export interface KnowledgeProblem {
  readonly file: string;
  readonly line: number;
  readonly path: string;
  readonly message: string;
}

/** Formats a problem the way editors and CI logs can jump to: `file:line path: message`. */
export function formatProblem(problem: KnowledgeProblem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
  return problem.path
    ? `${where} ${problem.path}: ${problem.message}`
    : `${where}: ${problem.message}`;
}

/** Raised when the knowledge does not validate; carries every problem found, not just the first. */
export class KnowledgeError extends TrucebriefError {
  readonly problems: readonly KnowledgeProblem[];

  constructor(problems: readonly KnowledgeProblem[], options?: { cause?: unknown }) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      'KNOWLEDGE_INVALID',
      `The knowledge is invalid (${count}):\n${problems.map(formatProblem).join('\n')}`,
      options,
    );
    this.name = 'KnowledgeError';
    this.problems = problems;
  }
}
