import { checkResult } from './errcodes.ts';
import { DEFAULT_TIMEOUT_MS, type FetchLike, type WecomResult, requestJson } from './http-json.ts';
import { DEFAULT_WECOM_API_BASE, type JsonBody, mediaIdOf } from './api-client.ts';

/**
 * A group's message-push webhook (消息推送, WeCom doc 99110): `POST /cgi-bin/webhook/send?key=KEY`.
 * The key is the whole credential, so it appears in no message or log line.
 */
export interface WecomWebhookClientOptions {
  baseUrl?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export class WecomWebhookClient {
  readonly #baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;

  constructor(opts: WecomWebhookClientOptions = {}) {
    this.#baseUrl = (opts.baseUrl || DEFAULT_WECOM_API_BASE).replace(/\/+$/, '');
    this.#fetch = opts.fetch ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async send(key: string, body: JsonBody): Promise<WecomResult> {
    const url = `${this.#baseUrl}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
    const result = await requestJson(this.#fetch, url, 'webhook/send', { method: 'POST', body }, this.#timeoutMs);
    return checkResult(result, 'webhook/send');
  }

  /** webhook/upload_media: a file for this robot's group (type=file) → media_id. */
  async uploadMedia(key: string, name: string, data: Uint8Array): Promise<string> {
    const url = `${this.#baseUrl}/cgi-bin/webhook/upload_media?key=${encodeURIComponent(key)}&type=file`;
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(data)]), name);
    const result = await requestJson(this.#fetch, url, 'webhook/upload_media', { method: 'POST', body: form }, this.#timeoutMs);
    return mediaIdOf(checkResult(result, 'webhook/upload_media'), 'webhook/upload_media');
  }
}
