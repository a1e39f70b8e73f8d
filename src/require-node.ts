/**
 * Imported first by every entry point, for its side effect: on a Node older than trucebrief needs,
 * print one line and exit 1, before a missing API fails somewhere deep with a stack trace.
 * ES modules run their imports in order, so this runs before the entry's other imports.
 */
import { nodeVersionProblem } from './node-version.ts';

const problem = nodeVersionProblem(process.version);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
