import { z } from 'zod';
import { discordLimits } from './limits.ts';

const { embed, message, component } = discordLimits;

const embedSchema = z
  .object({
    title: z.string().min(1).max(embed.title).optional(),
    description: z.string().min(1).max(embed.description).optional(),
    fields: z
      .array(
        z.object({
          name: z.string().min(1).max(embed.fieldName),
          value: z.string().min(1).max(embed.fieldValue),
          inline: z.boolean().optional(),
        }),
      )
      .max(embed.fields)
      .optional(),
    footer: z.object({ text: z.string().min(1).max(embed.footer) }).optional(),
    author: z.object({ name: z.string().min(1).max(embed.authorName) }).optional(),
  })
  .refine((value) => Object.values(value).some((part) => part !== undefined), {
    error: 'an embed needs a title, description, fields, footer or author',
  });

/** Characters Discord counts towards the 6000 across a message's embeds. */
function embedCharacters(value: z.infer<typeof embedSchema>): number {
  return (
    (value.title?.length ?? 0) +
    (value.description?.length ?? 0) +
    (value.footer?.text.length ?? 0) +
    (value.author?.name.length ?? 0) +
    (value.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

const buttonSchema = z.object({
  type: z.literal(2),
  style: z.number().int().min(1).max(4),
  label: z.string().min(1).max(component.buttonLabel),
  custom_id: z.string().min(1).max(component.customId),
});

/**
 * Discord's limits as a predicate over the message JSON we send, so tests can check any rendered
 * payload against the same table the renderer uses.
 */
export const discordMessagePayloadSchema = z
  .object({
    content: z.string().max(message.content).optional(),
    embeds: z.array(embedSchema).max(message.embeds),
    components: z
      .array(
        z.object({
          type: z.literal(1),
          components: z.array(buttonSchema).min(1).max(component.buttonsPerRow),
        }),
      )
      .max(message.actionRows),
    allowed_mentions: z.object({ parse: z.array(z.never()).length(0) }),
    flags: z.number().int().optional(),
  })
  .refine(
    (value) =>
      value.embeds.reduce((sum, e) => sum + embedCharacters(e), 0) <= embed.totalPerMessage,
    { error: `embeds exceed ${embed.totalPerMessage} characters in one message` },
  )
  .refine(
    (value) => {
      const customIds = value.components.flatMap((row) => row.components.map((b) => b.custom_id));
      return new Set(customIds).size === customIds.length;
    },
    { error: 'buttons in one message must have distinct custom_ids' },
  )
  .refine((value) => value.embeds.length > 0 || (value.content ?? '') !== '', {
    error: 'a message needs content or an embed',
  });
