/**
 * The oldest Node trucebrief runs on, and the check the entry points make before anything else.
 * 20.19 because the code calls `process.loadEnvFile` and `import.meta.dirname`, Bolt's undici
 * needs it, and vite (under the tests) requires `require(esm)`, unflagged in 20.19.
 * Kept in step with `engines` in package.json and `.nvmrc`.
 */
export const minimumNode = { major: 20, minor: 19 } as const;

/** Why this Node is too old to run trucebrief, in one line; undefined when it will do. */
export function nodeVersionProblem(version: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  const wanted = `${minimumNode.major}.${minimumNode.minor}`;
  if (!match) return `trucebrief needs Node ${wanted} or newer; cannot read version "${version}".`;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const tooOld =
    major < minimumNode.major || (major === minimumNode.major && minor < minimumNode.minor);
  return tooOld
    ? `trucebrief needs Node ${wanted} or newer; this is Node ${version}. Install a newer Node (see .nvmrc: nvm install && nvm use).`
    : undefined;
}
