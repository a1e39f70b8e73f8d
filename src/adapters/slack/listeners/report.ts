import type { App, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { CommandRequest, Core, Logger, ReportForm } from '../../../core/index.ts';
import { apology } from '../../../core/index.ts';
import { truncate } from '../../truncate.ts';
import { escapeSlackText } from '../escape.ts';
import { answerOrLog } from '../failures.ts';
import { slackLimits } from '../limits.ts';
import { slackCommandNaming } from '../manifest.ts';
import { renderBriefingForSlack } from '../render.ts';

/** The callback_id of the report modal; Bolt routes its submission back here. */
const reportCallbackId = 'trucebrief.report';

// private_metadata comes back from Slack on submit: parsed like any input.
const metadataSchema = z.object({ t: z.string().max(200), c: z.string().max(100) });

const plain = (text: string, limit: number) => ({
  type: 'plain_text' as const,
  text: truncate(escapeSlackText(text), limit) || '…',
  emoji: true,
});

/** The report form as a Slack modal: what is reported, a reason to choose, and optional text. */
function reportModal(form: ReportForm, target: string, channelId: string) {
  return {
    type: 'modal' as const,
    callback_id: reportCallbackId,
    private_metadata: JSON.stringify({ t: target, c: channelId }).slice(
      0,
      slackLimits.privateMetadata,
    ),
    title: plain(form.title, slackLimits.modalTitle),
    submit: plain(form.submit, slackLimits.modalTitle),
    close: plain(form.cancel, slackLimits.modalTitle),
    blocks: [
      {
        type: 'section' as const,
        text: {
          type: 'mrkdwn' as const,
          text: truncate(escapeSlackText(form.about), slackLimits.sectionText),
          verbatim: true,
        },
      },
      {
        type: 'input' as const,
        block_id: 'reason',
        label: plain(form.reasonLabel, slackLimits.inputLabel),
        element: {
          type: 'radio_buttons' as const,
          action_id: 'value',
          options: form.reasons.map((reason) => ({
            text: plain(reason.label, slackLimits.optionText),
            value: reason.value,
          })),
        },
      },
      {
        type: 'input' as const,
        block_id: 'details',
        optional: true,
        label: plain(form.detailsLabel, slackLimits.inputLabel),
        element: {
          type: 'plain_text_input' as const,
          action_id: 'value',
          multiline: true,
          max_length: form.maxDetails,
          placeholder: plain(form.detailsHint, slackLimits.placeholder),
        },
      },
    ],
  };
}

/** Opens the report modal for a clicked "Report a problem" button. */
export async function openReportModal(
  client: App['client'],
  core: Core,
  triggerId: string,
  target: string,
  channelId: string,
): Promise<boolean> {
  const form = core.reportForm(target);
  if (!form) return false;
  await client.views.open({ trigger_id: triggerId, view: reportModal(form, target, channelId) });
  return true;
}

/**
 * Answers the modal's submission through the core as `/report target reason text`, and shows the
 * core's private thank-you in the modal itself (rendered like any briefing), so only the reporter
 * sees it, in any channel, bot invited or not.
 */
export function listenForReports(app: App, core: Core, logger: Logger): void {
  app.view<ViewSubmitAction>(reportCallbackId, async ({ ack, body, view }) => {
    let metadata: z.infer<typeof metadataSchema>;
    try {
      metadata = metadataSchema.parse(JSON.parse(view.private_metadata));
    } catch {
      logger.warn('Slack report with unreadable metadata', { team: body.team?.id });
      await ack({ response_action: 'errors', errors: { reason: apology } });
      return;
    }
    const reason = view.state.values.reason?.value?.selected_option?.value;
    if (!reason) {
      await ack({ response_action: 'errors', errors: { reason: 'Choose a reason.' } });
      return;
    }
    const details = view.state.values.details?.value?.value ?? '';
    // Line breaks and the like go in the core's one query cleaner.
    const request: CommandRequest = {
      command: 'report',
      query: `${metadata.t} ${reason} ${details}`,
      user: { id: body.user.id, ...(body.user.name ? { name: body.user.name } : {}) },
      channel: { id: metadata.c },
      platform: 'slack',
    };
    const briefing = await answerOrLog(
      core,
      request,
      { commands: slackCommandNaming, ...(body.team?.id ? { workspaceId: body.team.id } : {}) },
      logger,
      { team: body.team?.id, view: reportCallbackId },
    );
    if (!briefing) {
      await ack({ response_action: 'errors', errors: { details: apology } });
      return;
    }
    const form = core.reportForm(metadata.t);
    await ack({
      response_action: 'update',
      view: {
        type: 'modal',
        title: plain(form?.title ?? briefing.title, slackLimits.modalTitle),
        close: plain(form?.close ?? 'Close', slackLimits.modalTitle),
        blocks: renderBriefingForSlack(briefing, { interactive: false }).blocks,
      },
    });
  });
}
