export { createWebhookDeliverer, type WebhookDelivererConfig } from './deliverer.ts';
export { renderForDiscordWebhook, renderForSlackWebhook, webhookLimits } from './render.ts';
