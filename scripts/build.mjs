// `npm run build`, and what `npm start` and `npm run cli` run first: compiles the entry points to
// JavaScript in dist/ with esbuild, so the bot starts on plain node with no compiler loaded.
// Code splitting keeps every dynamic import a chunk of its own, so the platform SDKs and storage
// drivers still load only when configured; packages stay in node_modules, not in the bundle.
// Nothing is rebuilt when dist/ already matches the sources (a stamp of their paths, sizes and
// times), so a start after the first pays only for that check. Plain JavaScript, because it runs
// before anything is compiled, and in production installs (`npm ci --omit=dev`): esbuild is a
// production dependency for that reason.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.resolve(root, process.argv[2] ?? 'dist');
const stampFile = path.join(outdir, '.build-stamp');
const lockDir = `${outdir}.lock`;
/** The entry points `npm start` and `npm run cli` run. */
const entryPoints = ['src/main.ts', 'src/cli.ts'];
/**
 * Packages bundled in, read as one file instead of hundreds (resolving and reading them is a good
 * part of start-up): the pure-JavaScript libraries every start loads (zod, yaml, fuse.js, the
 * stemmer, pino, whose dozen CommonJS files were each resolved, read and compiled) and Bolt, whose chunk loads only when Slack is configured (bundled, it loads in half
 * the time). The rest stay in node_modules: discord.js (its WebSocket layer loads files of its
 * own by path), the storage drivers (native code, or loaded only with DATABASE_URL), prom-client,
 * and ws's optional native helpers.
 */
const bundled = new Set(['zod', 'yaml', 'fuse.js', 'stemmer', 'pino', '@slack/bolt']);
const { dependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = [...Object.keys(dependencies), 'bufferutil', 'utf-8-validate']
  .filter((name) => !bundled.has(name))
  .flatMap((name) => [name, `${name}/*`]);
/** A lock older than this was left by a build that died; it is taken over. */
const staleLockMs = 60_000;

/** Every file the output depends on, with its size and time: a change to any changes the stamp. */
function sourceStamp() {
  const files = [path.join(root, 'package.json'), fileURLToPath(import.meta.url)];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push(full);
    }
  };
  walk(path.join(root, 'src'));
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${path.relative(root, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function upToDate(stamp) {
  try {
    return readFileSync(stampFile, 'utf8') === stamp;
  } catch {
    return false;
  }
}

/** Waits for another build (tests and scripts may start several at once), then holds the lock. */
async function lock() {
  for (;;) {
    try {
      mkdirSync(lockDir);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > staleLockMs)
          rmSync(lockDir, { force: true, recursive: true });
      } catch {
        // Released meanwhile: try again.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Each entry point as a module that checks the Node version and only then imports the entry.
 * In a bundle, a package an entry imports (zod, yaml) would otherwise load before the check the
 * entry makes first, and fail on an old Node with a stack trace instead of the one-line message.
 */
const guardedEntries = {
  name: 'guarded-entries',
  setup(build) {
    build.onResolve({ filter: /^guarded:/ }, (args) => ({
      path: args.path.slice('guarded:'.length),
      namespace: 'guarded',
    }));
    build.onLoad({ filter: /.*/, namespace: 'guarded' }, (args) => ({
      contents: `import './require-node.ts';\nawait import(${JSON.stringify(`./${path.relative('src', args.path)}`)});\n`,
      resolveDir: path.join(root, 'src'),
      loader: 'ts',
    }));
  },
};

/**
 * Zod re-exports every one of its ~60 translations of its error messages as `z.locales` (and
 * `z.core.locales`), and a bundle that uses `z.object` and the like must keep the whole `z`
 * namespace, so all of them: a quarter of the code every start compiles. The bot reads no locale but
 * the English one, which zod loads on its own; both namespaces are made empty.
 */
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'without-zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'without-zod-locales' }, () => ({
      contents: 'export {};\n',
      loader: 'js',
    }));
  },
};

const stamp = sourceStamp();
if (!upToDate(stamp)) {
  await lock();
  try {
    // Another build may have finished while this one waited.
    if (!upToDate(stamp)) {
      const { build } = await import('esbuild');
      // Built beside dist/ and swapped in whole, so a process starting meanwhile never reads a
      // half-written bundle.
      const staging = `${outdir}.staging`;
      rmSync(staging, { force: true, recursive: true });
      await build({
        absWorkingDir: root,
        entryPoints: entryPoints.map((entry) => ({
          in: `guarded:${entry}`,
          out: path.basename(entry, '.ts'),
        })),
        plugins: [guardedEntries, withoutZodLocales],
        outdir: staging,
        outbase: 'src',
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20.19',
        external,
        // Bundled CommonJS (yaml) requires Node built-ins; ES modules have no \`require\` of their own.
        banner: {
          js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
        },
        sourcemap: 'linked',
        chunkNames: 'chunks/[name]-[hash]',
        logLevel: 'warning',
      });
      writeFileSync(path.join(staging, '.build-stamp'), stamp);
      const old = `${outdir}.old`;
      rmSync(old, { force: true, recursive: true });
      try {
        renameSync(outdir, old);
      } catch (error) {
        if (error.code !== 'ENOENT') throw error;
      }
      renameSync(staging, outdir);
      rmSync(old, { force: true, recursive: true });
      process.stderr.write(
        `built ${path.relative(root, outdir)}/ from ${entryPoints.join(', ')}\n`,
      );
    }
  } finally {
    rmSync(lockDir, { force: true, recursive: true });
  }
}
