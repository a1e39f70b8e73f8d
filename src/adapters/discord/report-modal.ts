import {
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  type ModalSubmitInteraction,
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
          custom_id: 'reason',
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
          custom_id: 'details',
          style: TextInputStyle.Paragraph,
          required: false,
          max_length: form.maxDetails,
        },
      },
    ],
  };
}

/** The `/report` query a submitted report modal stands for; undefined when it is not ours. */
export function reportQueryOf(interaction: ModalSubmitInteraction): string | undefined {
  if (!interaction.customId.startsWith(prefix)) return undefined;
  const target = interaction.customId.slice(prefix.length);
  let reason: string | undefined;
  let details = '';
  try {
    reason = interaction.fields.getStringSelectValues('reason')[0];
    details = interaction.fields.getTextInputValue('details') ?? '';
  } catch {
    return undefined;
  }
  // An empty reason goes to the core as it is, which asks for one.
  return `${target} ${reason ?? ''} ${details}`;
}
