// Writes src/pictures/data/fonts/DejaVuSans{,-Bold}.ttf: the shipped DejaVu Sans, from the
// dejavu-fonts-ttf package, cut down to the scripts the pictures draw (Latin, Greek, Cyrillic,
// punctuation, arrows and shapes). resvg shapes every label with the whole font's layout tables,
// so the full 750 KB faces cost most of a picture's drawing time; the subsets draw the same text
// several times faster. Run once when the font package changes.
// Usage: npm run pictures:fonts   (needs pyftsubset, from fontTools: apt install python3-fonttools)
import '../src/require-node.ts';
import { execFileSync } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fontFaces, fontUnicodes } from '../src/pictures/fonts.ts';
import { parseScriptArgs } from '../src/script-args.ts';

const usage = `usage: npm run pictures:fonts [-- --out DIR]
  --out   where to write (default src/pictures/data/fonts)`;
const { values } = parseScriptArgs(usage, {
  options: { out: { type: 'string', default: 'src/pictures/data/fonts' } },
});
const out = values.out;
const require = createRequire(import.meta.url);
const source = path.dirname(require.resolve('dejavu-fonts-ttf/package.json'));

for (const face of fontFaces) {
  execFileSync(
    'pyftsubset',
    [
      path.join(source, 'ttf', face),
      `--unicodes=${fontUnicodes}`,
      // Kerning and the standard ligatures; the names stay, so the family is still DejaVu Sans.
      '--layout-features=kern,liga,ccmp,locl,mark,mkmk',
      '--name-IDs=*',
      '--notdef-outline',
      `--output-file=${path.join(out, face)}`,
    ],
    { stdio: 'inherit' },
  );
  console.log(`wrote ${path.join(out, face)}`);
}
// The fonts' licence travels with them.
await copyFile(path.join(source, 'LICENSE'), path.join(out, 'LICENSE'));
