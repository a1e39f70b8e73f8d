import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of the package, found from its root: this module runs from src/pictures under tsx and
 * from a chunk under dist/ once built, and the pictures' data stays in src/pictures/data.
 */
export function packageFile(relative: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  let nearestPackage: string | undefined;
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) {
      if (existsSync(path.join(dir, relative))) return path.join(dir, relative);
      nearestPackage ??= dir;
    }
    // Not found: the path where it should be, so start-up names the file that is missing.
    if (path.dirname(dir) === dir) return path.join(nearestPackage ?? here, relative);
  }
}
