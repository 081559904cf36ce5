/**
 * Asks the configured private model for one command line. Only the configured endpoint is ever
 * called; the prompt and the answer are never logged (they hold enterprise names and people's
 * words); a slow or failing model simply leaves the message unplaced. What comes back is only a
 * suggestion: the caller checks it like a typed command and proposes it for 确认.
 */
import type { CommandDef } from '../core/command.ts';
import { logger } from '../core/log.ts';
import type { Person } from '../core/types.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { answerSchema, systemPrompt } from './model-schema.ts';
import type { ModelSettings } from './model-env.ts';

export type ModelAsk = (text: string, person: Person, now: Date) => Promise<string | undefined>;

export function createModelAsk(settings: ModelSettings, commands: readonly CommandDef[]): ModelAsk {
  return async (text, person, now) => {
    const body = {
      model: settings.model,
      temperature: 0,
      messages: [
        { role: 'system', content: systemPrompt(toShanghaiDate(now)) },
        { role: 'user', content: text },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'command', strict: true, schema: answerSchema(commands, person) } },
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
      return commandFrom(await res.json());
    } catch (err) {
      // The error's name only: its message could quote the request.
      logger.warn({ error: err instanceof Error ? err.name : 'unknown' }, 'model request failed');
      return undefined;
    }
  };
}

/** The one command line in a chat-completions answer, or undefined. */
export function commandFrom(answer: unknown): string | undefined {
  const content = (answer as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') return undefined;
  let command: unknown;
  try {
    command = (JSON.parse(content) as { command?: unknown }).command;
  } catch {
    return undefined;
  }
  return typeof command === 'string' && command.trim() !== '' ? command.trim() : undefined;
}
