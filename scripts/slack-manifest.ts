// Writes manifest.yml, the Slack app manifest, from the command registry.
// Usage: npm run slack:manifest                     (Socket Mode, the committed file)
//        npm run slack:manifest -- --url https://bot.example.com --out manifest.http.yml
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { renderSlackManifest } from '../src/adapters/slack/manifest.ts';

const usage = `usage: npm run slack:manifest [-- --url https://your.host] [--out FILE] [--name APP_NAME]
  no --url: Socket Mode (the committed manifest.yml); --url: HTTP mode, events at URL/slack/events`;

function parseOptions() {
  try {
    return parseArgs({
      options: {
        url: { type: 'string' },
        out: { type: 'string', default: 'manifest.yml' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    process.exit(2);
  }
}

const values = parseOptions();
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

const yaml = renderSlackManifest({
  ...(values.url ? { publicUrl: values.url } : {}),
  ...(values.name ? { appName: values.name } : {}),
});
await writeFile(values.out, yaml);
process.stdout.write(`Wrote ${values.out} (${values.url ? 'HTTP mode' : 'Socket Mode'})\n`);
