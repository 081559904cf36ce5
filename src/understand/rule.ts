import type { Reading } from '../core/proposal.ts';
/** One way of reading a message: the command it stands for, or undefined. */
import type { Entities } from './entities.ts';
import type { Speaker } from './line.ts';

export type { Reading };

export type Rule = (e: Entities, speaker: Speaker) => Reading | undefined;

export const change = (line: string): Reading => ({ line, read: false });
export const read = (line: string): Reading => ({ line, read: true });

/** Asking about something rather than reporting or ordering. */
export const QUESTION = /什么情况|啥情况|怎么样|咋样|进展|进度|如何|到哪一?步|哪些|多少|有没有|看看|看一下|查一下|查查|查询|谁|[吗呢][?？]?$|[?？]$/u;
