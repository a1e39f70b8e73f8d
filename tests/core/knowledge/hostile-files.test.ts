import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledgeDir } from '../../../src/core/index.ts';

const meta = `meta:
  asOf: '2026-12-02'
  title: Test
  attribution: Test
`;

/** A knowledge directory with a valid meta file and whatever `add` puts beside it. */
function directoryWith(add: (dir: string) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-hostile-'));
  writeFileSync(path.join(dir, 'meta.yaml'), meta);
  add(dir);
  return dir;
}

async function problemOf(dir: string): Promise<string> {
  try {
    await loadKnowledgeDir(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    return (error as KnowledgeError).problems
      .map((p) => `${path.basename(p.file)}: ${p.message}`)
      .join('\n');
  }
  throw new Error('expected the knowledge to be refused');
}

describe('loading hostile knowledge files', () => {
  it('names a symbolic link loop instead of crashing', async () => {
    const dir = directoryWith((d) => {
      symlinkSync(path.join(d, 'b.yaml'), path.join(d, 'a.yaml'));
      symlinkSync(path.join(d, 'a.yaml'), path.join(d, 'b.yaml'));
    });
    expect(await problemOf(dir)).toContain('a.yaml: a symbolic link loop');
  });

  it('names a symbolic link to nothing', async () => {
    const dir = directoryWith((d) => symlinkSync(path.join(d, 'gone.txt'), path.join(d, 'x.yaml')));
    expect(await problemOf(dir)).toContain('x.yaml: a symbolic link to nothing');
  });

  it('refuses a directory named like a knowledge file', async () => {
    const dir = directoryWith((d) => mkdirSync(path.join(d, 'x.yaml')));
    expect(await problemOf(dir)).toContain('x.yaml: not a regular file');
  });

  it('refuses a FIFO instead of waiting on it forever', async () => {
    const dir = directoryWith((d) => execFileSync('mkfifo', [path.join(d, 'hang.yaml')]));
    expect(await problemOf(dir)).toContain('hang.yaml: not a regular file');
  });

  it('refuses text that is not valid UTF-8 rather than showing replacement characters', async () => {
    const dir = directoryWith((d) =>
      writeFileSync(path.join(d, 'bad.yaml'), Buffer.from([0x70, 0x6c, 0x61, 0xff, 0xfe, 0x0a])),
    );
    expect(await problemOf(dir)).toContain('bad.yaml: not valid UTF-8 text');
  });

  it('refuses a file larger than the cap', async () => {
    const dir = directoryWith((d) =>
      writeFileSync(path.join(d, 'big.yaml'), `# ${'x'.repeat(3 * 1024 * 1024)}\n`),
    );
    expect(await problemOf(dir)).toContain('big.yaml: larger than 2 MiB');
  });

  it('reports a YAML alias bomb as a problem of that file', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const dir = directoryWith((d) =>
      writeFileSync(path.join(d, 'bomb.yaml'), `${levels.join('\n')}\n`),
    );
    expect(await problemOf(dir)).toMatch(/bomb\.yaml: YAML: /);
  });
});
