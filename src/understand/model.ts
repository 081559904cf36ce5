/**
 * Asks the configured private model for one command line for words the rules could not place.
 * What comes back is only a suggestion: the caller checks it like a typed command and proposes it
 * for 确认.
 */
import type { CommandDef } from '../core/command.ts';
import type { Person } from '../domain/types.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { askJson } from './model-client.ts';
import { answerSchema, systemPrompt } from './model-schema.ts';
import type { ModelSettings } from './model-env.ts';

export type ModelAsk = (text: string, person: Person, now: Date) => Promise<string | undefined>;

export function createModelAsk(settings: ModelSettings, commands: readonly CommandDef[]): ModelAsk {
  return async (text, person, now) => {
    const answer = await askJson(settings, systemPrompt(toShanghaiDate(now)), text, 'command', answerSchema(commands, person));
    const command = answer?.command;
    return typeof command === 'string' && command.trim() !== '' ? command.trim() : undefined;
  };
}
