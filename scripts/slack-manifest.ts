// Writes manifest.yml, the Slack app manifest, from the command registry.
// Usage: npm run slack:manifest                     (Socket Mode, the committed file)
//        npm run slack:manifest -- --url https://bot.example.com --out manifest.http.yml
import '../src/require-node.ts';
import { writeFile } from 'node:fs/promises';
import { checkSlackManifestOptions, renderSlackManifest } from '../src/adapters/slack/manifest.ts';
import { exitWithUsage, parseScriptArgs } from '../src/script-args.ts';

const usage = `usage: npm run slack:manifest [-- --url https://your.host] [--out FILE] [--name APP_NAME]
  no --url: Socket Mode (the committed manifest.yml); --url: HTTP mode, events at URL/slack/events
  (https only: Slack sends requests to nothing else)
  --name: up to 35 characters; the bot's display name keeps its letters, numbers, spaces,
  periods, hyphens and underscores`;

const { values } = parseScriptArgs(usage, {
  options: {
    url: { type: 'string' },
    out: { type: 'string', default: 'manifest.yml' },
    name: { type: 'string' },
  },
});

const options = {
  ...(values.url !== undefined ? { publicUrl: values.url } : {}),
  ...(values.name !== undefined ? { appName: values.name } : {}),
};
const problems = checkSlackManifestOptions(options);
if (problems.length > 0) exitWithUsage(usage, problems.join('\n'));
const yaml = renderSlackManifest(options);
await writeFile(values.out, yaml);
process.stdout.write(`Wrote ${values.out} (${values.url ? 'HTTP mode' : 'Socket Mode'})\n`);
