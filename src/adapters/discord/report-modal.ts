import {
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import type { ReportForm } from '../../core/index.ts';
import { discordLimits } from './limits.ts';
import { defuseMentions, truncate } from './text.ts';

// `tb:` marks our components, as on buttons; the rest is the report's target.
const prefix = 'tb:report-form:';
const { modal: limits } = discordLimits;

/** The report form as a Discord modal: what is reported, a reason to choose, optional text. */
export function reportModal(
  form: ReportForm,
  target: string,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `${prefix}${target}`.slice(0, discordLimits.component.customId),
    title: truncate(form.title, limits.title),
    components: [
      // Shown as plain text: no markdown, no mentions.
      {
        type: ComponentType.TextDisplay,
        content: truncate(defuseMentions(form.about), limits.textDisplay),
      },
      {
        type: ComponentType.Label,
        label: truncate(form.reasonLabel, limits.label),
        component: {
          type: ComponentType.StringSelect,
          custom_id: reportFieldIds.reason,
          min_values: 1,
          max_values: 1,
          required: true,
          options: form.reasons.map((reason) => ({
            label: truncate(reason.label, limits.optionLabel),
            value: reason.value,
          })),
        },
      },
      {
        type: ComponentType.Label,
        label: truncate(form.detailsLabel, limits.label),
        description: truncate(form.detailsHint, limits.labelDescription),
        component: {
          type: ComponentType.TextInput,
          custom_id: reportFieldIds.details,
          style: TextInputStyle.Paragraph,
          required: false,
          max_length: form.maxDetails,
        },
      },
    ],
  };
}

/** What a submitted report form answered, read by each mode from its own payload. */
export interface ReportAnswers {
  /** The chosen reason; absent when none was chosen. */
  readonly reason?: string;
  readonly details: string;
}

/** The custom ids of the form's answers, for the modes that read them. */
export const reportFieldIds = { reason: 'reason', details: 'details' } as const;

/**
 * The `/report` query a submitted report modal stands for; undefined when the modal is not ours
 * or its answers could not be read.
 */
export function reportQueryOf(
  customId: string,
  answers: ReportAnswers | undefined,
): string | undefined {
  if (!customId.startsWith(prefix) || !answers) return undefined;
  const target = customId.slice(prefix.length);
  // An empty reason goes to the core as it is, which asks for one.
  return `${target} ${answers.reason ?? ''} ${answers.details}`;
}
