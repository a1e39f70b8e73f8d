import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minimumNode, nodeVersionProblem } from '../src/node-version.ts';
import { repoRoot } from './helpers/run-script.ts';

describe('nodeVersionProblem', () => {
  it('given a Node older than 20.19, says so in one line naming both versions', () => {
    for (const version of ['v20.18.3', 'v20.0.0', 'v18.20.4', 'v16.0.0']) {
      const problem = nodeVersionProblem(version);
      expect(problem).toBe(
        `trucebrief needs Node 20.19 or newer; this is Node ${version}. Install a newer Node (see .nvmrc: nvm install && nvm use).`,
      );
      expect(problem).not.toContain('\n');
    }
  });

  it('given 20.19 or newer, has nothing to say', () => {
    for (const version of ['v20.19.0', 'v20.20.1', 'v22.1.0', 'v24.0.0', process.version]) {
      expect(nodeVersionProblem(version)).toBeUndefined();
    }
  });

  it('given a version it cannot read, refuses rather than guessing', () => {
    expect(nodeVersionProblem('nightly')).toMatch(/^trucebrief needs Node 20\.19 or newer/);
  });

  it('agrees with engines in package.json and with .nvmrc', () => {
    const wanted = `${minimumNode.major}.${minimumNode.minor}`;
    const pkg = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as {
      engines: { node: string };
    };
    expect(pkg.engines.node).toBe(`>=${wanted}`);
    expect(readFileSync(`${repoRoot}/.nvmrc`, 'utf8').trim()).toBe(wanted);
  });
});
