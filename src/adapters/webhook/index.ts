export { createWebhookDeliverer, type WebhookDelivererConfig } from './deliverer.ts';
