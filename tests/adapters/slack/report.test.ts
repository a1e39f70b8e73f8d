import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { createCore } from '../../../src/core/index.ts';
import { parseKnowledge } from '../../../src/core/knowledge/validate.ts';
import type { SqlStore } from '../../../src/infra/store/sql-store.ts';
import { createSqliteStore, sqliteFileIn } from '../../../src/infra/store/sqlite.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { buttonClick, interactionBody, postToApp } from '../../fakes/slack-requests.ts';
import { runScript } from '../../helpers/run-script.ts';
import { buttonsOf, createRecordingLogger, type ReceivedMessage } from './helpers.ts';

const signingSecret = 'test-signing-secret-0123456789abcdef';
const fixtureDir = path.join(import.meta.dirname, '../../fixtures/slack');

/** A view_submission as Slack posts it when the report modal's Send is pressed. */
function viewSubmission(view: Record<string, unknown>, reason: string | null, details: string) {
  return {
    type: 'view_submission',
    team: { id: 'T0FAKE', domain: 'example' },
    user: { id: 'U0REPORTER', username: 'reporter', name: 'reporter', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    trigger_id: '13345224609.738474920.8088930838d88f008e1',
    view: {
      id: 'V0REPORT',
      team_id: 'T0FAKE',
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      blocks: view.blocks,
      state: {
        values: {
          reason: {
            value: {
              type: 'radio_buttons',
              selected_option: reason
                ? { text: { type: 'plain_text', text: reason }, value: reason }
                : null,
            },
          },
          details: { value: { type: 'plain_text_input', value: details } },
        },
      },
      hash: '1700000000.abcd',
      app_id: 'A0FAKE',
      bot_id: 'B0BOT',
    },
  };
}

describe('Report a problem on Slack (real Bolt, fake Slack): button, modal, review', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let store: SqlStore;
  let dataDir: string;
  let eventsUrl: string;
  let clicks = 0;

  beforeAll(async () => {
    fake = await createFakeSlack();
    dataDir = mkdtempSync(path.join(tmpdir(), 'trucebrief-slack-report-'));
    store = createSqliteStore({ file: sqliteFileIn(dataDir) });
    await store.migrate();
    const text = await readFile(path.join(fixtureDir, 'knowledge.yaml'), 'utf8');
    const core = createCore(
      parseKnowledge([
        { file: 'tests/fixtures/slack/knowledge.yaml', text },
        {
          file: 'knowledge/lexicon.yaml',
          text: await readFile(
            path.join(import.meta.dirname, '../../../knowledge/lexicon.yaml'),
            'utf8',
          ),
        },
      ]),
      { feedback: { store, hashKey: 'test-report-key-0123456789' } },
    );
    adapter = createSlackAdapter(
      {
        botToken: 'xoxb-test-token',
        signingSecret,
        apiUrl: fake.apiUrl,
        port: 0,
        dailyManagers: [],
      },
      core,
      createRecordingLogger().logger,
      { host: '127.0.0.1' },
    );
    await adapter.start();
    eventsUrl = `http://127.0.0.1:${adapter.port}/slack/events`;
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (payload: Record<string, unknown>) =>
    postToApp(eventsUrl, interactionBody(payload), {
      signingSecret,
      contentType: 'application/x-www-form-urlencoded',
    });

  /** The report button of a briefing, clicked; resolves with the view Slack was asked to open. */
  const openForm = async (command: string, text: string) => {
    const answer = await postToApp(
      eventsUrl,
      new URLSearchParams({
        token: 'x',
        team_id: 'T0FAKE',
        team_domain: 'example',
        channel_id: 'C0CHANNEL',
        channel_name: 'truce-watch',
        user_id: 'U0ASKER',
        user_name: 'asker',
        command,
        text,
        response_url: fake.responseUrl(`cmd-${++clicks}`),
        trigger_id: '1.2.3',
        api_app_id: 'A0FAKE',
      }).toString(),
      { signingSecret, contentType: 'application/x-www-form-urlencoded' },
    );
    const message = JSON.parse(answer.text) as ReceivedMessage;
    const report = buttonsOf(message).find((button) => button.label === 'Report a problem');
    expect(report).toBeDefined();
    const before = fake.calls('views.open').length;
    await post(
      buttonClick({
        actionId: report?.actionId ?? '',
        value: report?.value ?? '',
        responseUrl: fake.responseUrl(`click-${++clicks}`),
        ephemeral: message.response_type === 'ephemeral',
      }),
    );
    await fake.waitFor(() => fake.calls('views.open').length > before);
    const call = fake.calls('views.open')[before];
    const raw = call?.body.view;
    const view = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
    return { view, triggerId: call?.body.trigger_id };
  };

  it('opens the report form from a quick answer, files the report once, thanks privately, and review lists it', async () => {
    const { view, triggerId } = await openForm('/fact', 'when was the budapest memorandum signed');
    expect(triggerId).toBe('13345224609.738474920.8088930838d88f008e0');
    const text = JSON.stringify(view);
    expect(view.callback_id).toBe('trucebrief.report');
    expect(text).toContain('Budapest Memorandum');
    for (const reason of ['wrong', 'outdated', 'missing-source', 'other']) {
      expect(text).toContain(`"value":"${reason}"`);
    }

    const hostile = 'It was 1994 <!channel> @everyone <https://evil.example|click>';
    const submitted = await post(viewSubmission(view, 'outdated', hostile));
    expect(submitted.status).toBe(200);
    const ack = JSON.parse(submitted.text) as {
      response_action: string;
      view: { blocks: unknown[] };
    };
    expect(ack.response_action).toBe('update');
    const thanks = JSON.stringify(ack.view.blocks);
    expect(thanks).toContain('Thank you');
    // Sending the same report again (a double click) keeps it once.
    await post(viewSubmission(view, 'outdated', hostile));

    const reports = await store.listReports({ status: 'open' });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      entryId: 'budapest-memorandum',
      factId: 'signed',
      reason: 'outdated',
      platform: 'slack',
      channelId: 'C0CHANNEL',
    });
    // Never the raw user id.
    expect(JSON.stringify(reports)).not.toContain('U0REPORTER');

    const review = await runScript('src/cli.ts', ['review', '--json'], {
      env: { DATA_DIR: dataDir, KNOWLEDGE_DIR: fixtureDir },
    });
    expect(review.stderr).toBe('');
    const listed = JSON.parse(review.stdout) as {
      reports: {
        id: string;
        about: string;
        reason: string;
        details: string;
        fact: { statement: string } | null;
      }[];
    };
    expect(listed.reports).toHaveLength(1);
    expect(listed.reports[0]).toMatchObject({ id: reports[0]?.id, reason: 'outdated' });
    expect(listed.reports[0]?.details).toContain('It was 1994');
    expect(listed.reports[0]?.fact?.statement).toMatch(/1994/);

    // Rendered for the editors' text view, the reporter's words are plain text.
    const text2 = await runScript('src/cli.ts', ['review'], {
      env: { DATA_DIR: dataDir, KNOWLEDGE_DIR: fixtureDir },
    });
    expect(text2.stdout).toContain(reports[0]?.id ?? 'missing');
    expect(text2.stdout).toContain('Outdated');

    const resolved = await runScript(
      'src/cli.ts',
      ['review', 'resolve', reports[0]?.id ?? '', '--note', 'Checked: the date stands'],
      { env: { DATA_DIR: dataDir, KNOWLEDGE_DIR: fixtureDir } },
    );
    expect(resolved.code).toBe(0);
    expect(await store.listReports({ status: 'open' })).toEqual([]);
  });

  it('refuses a submission without a reason in the form itself', async () => {
    const { view } = await openForm('/agreement', 'minsk ii');
    const submitted = await post(viewSubmission(view, null, 'no reason given'));
    const ack = JSON.parse(submitted.text) as {
      response_action: string;
      errors: Record<string, string>;
    };
    expect(ack.response_action).toBe('errors');
    expect(ack.errors.reason).toBeTruthy();
  });
});
