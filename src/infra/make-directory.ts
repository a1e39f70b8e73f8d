import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p` that fails instead of spinning: Node's recursive mkdir loops forever where a parent
 * exists but answers ENOENT for any child (under /proc, for one), so a DATA_DIR there hung
 * start-up. Here each level is made once, and a second ENOENT is thrown.
 */
export function makeDirectory(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(dir).isDirectory()) return;
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    makeDirectory(parent);
    try {
      mkdirSync(dir);
    } catch (again) {
      // Another process may have made it in between.
      if ((again as NodeJS.ErrnoException).code === 'EEXIST' && statSync(dir).isDirectory()) return;
      throw again;
    }
  }
}
