// Writes manifest.yml, the Slack app manifest, from the command registry.
// Usage: npm run slack:manifest                     (Socket Mode, the committed file)
//        npm run slack:manifest -- --url https://bot.example.com --out manifest.http.yml
import { writeFile } from 'node:fs/promises';
import { renderSlackManifest } from '../src/adapters/slack/manifest.ts';
import { parseScriptArgs } from '../src/script-args.ts';

const usage = `usage: npm run slack:manifest [-- --url https://your.host] [--out FILE] [--name APP_NAME]
  no --url: Socket Mode (the committed manifest.yml); --url: HTTP mode, events at URL/slack/events`;

const { values } = parseScriptArgs(usage, {
  options: {
    url: { type: 'string' },
    out: { type: 'string', default: 'manifest.yml' },
    name: { type: 'string' },
  },
});

const yaml = renderSlackManifest({
  ...(values.url ? { publicUrl: values.url } : {}),
  ...(values.name ? { appName: values.name } : {}),
});
await writeFile(values.out, yaml);
process.stdout.write(`Wrote ${values.out} (${values.url ? 'HTTP mode' : 'Socket Mode'})\n`);
