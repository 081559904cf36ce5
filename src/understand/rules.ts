/** The rules, in the order they are tried: the first that reads the message wins. */
import { certificateRule, loanRule, meetingRule, taskRule, ticketRule } from './rules-ids.ts';
import { readRule } from './rules-reads.ts';
import { assignRule, casesRule, registerRule, removeRule, requestMeetingRule, restoreRule, screeningRule, tierRule } from './rules-topics.ts';
import type { Rule } from './rule.ts';

export const RULES: readonly Rule[] = [
  ticketRule, taskRule, meetingRule, loanRule, certificateRule,
  requestMeetingRule, assignRule, casesRule, tierRule, removeRule, restoreRule, registerRule, screeningRule,
  readRule,
];
