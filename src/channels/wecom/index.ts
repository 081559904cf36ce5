/** The WeCom transport's public surface, for wiring into the app. */
export { WecomCrypto, type EncryptedJsonReply, type UrlVerificationQuery } from './crypto.ts';
export { wecomAppRoutes, type WecomAppDeps } from './app-callback.ts';
export { wecomAibotRoutes, type WecomAibotDeps } from './aibot-callback.ts';
export { startWecomAibotWs, type WecomAibotWs, type WecomAibotWsDeps } from './aibot-ws.ts';
export { WecomApiClient, DEFAULT_WECOM_API_BASE, type WecomApiClientOptions, type JsonBody } from './api-client.ts';
export { WecomWebhookClient, type WecomWebhookClientOptions } from './webhook-client.ts';
export { WecomSender, type WecomSenderDeps } from './sender.ts';
export { wecomTaskId, renderTemplateCard, appMarkdownChunks, webhookMarkdownChunks, textChunks, LIMITS } from './render.ts';
export type { WecomResult, FetchLike } from './http-json.ts';
export { KfApi, kfApiFromEnv, KF_SESSION_STATE_INVALID } from './kf-api.ts';
export { WecomKfSender, type WecomKfSenderDeps } from './kf-sender.ts';
export type { WecomKfWiring } from './setup.ts';
