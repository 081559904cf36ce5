/**
 * One chat-completions call to the configured private model, asking for a JSON object that fits
 * `schema`. Only the configured endpoint is called (no redirects followed); the prompt and the
 * answer are never logged (they hold enterprise names and people's words); a slow or failing
 * model gives undefined, and the caller goes on without it.
 */
import { logger } from '../log/log.ts';
import type { ModelSettings } from './model-env.ts';

export async function askJson(settings: ModelSettings, system: string, user: string, name: string, schema: object): Promise<Record<string, unknown> | undefined> {
  const body = {
    model: settings.model,
    temperature: 0,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
    response_format: { type: 'json_schema', json_schema: { name, strict: true, schema } },
  };
  try {
    const res = await fetch(`${settings.apiBase}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.apiKey}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(settings.timeoutMs),
      redirect: 'error',
    });
    if (!res.ok) {
      logger.warn({ status: res.status }, 'model request refused');
      return undefined;
    }
    return jsonContent(await res.json());
  } catch (err) {
    // The error's name only: its message could quote the request.
    logger.warn({ error: err instanceof Error ? err.name : 'unknown' }, 'model request failed');
    return undefined;
  }
}

/** The JSON object in a chat-completions answer's first message, or undefined. */
export function jsonContent(answer: unknown): Record<string, unknown> | undefined {
  const content = (answer as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(content);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
