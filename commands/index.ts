import type { CommandDef } from '../src/core/command.ts';
import { shareWord } from '../src/core/shared-word.ts';
import cases from './cases.ts';
import creditRepair from './credit-repair.ts';
import enterprise from './enterprise.ts';
import help from './help.ts';
import loan from './loan.ts';
import matters from './matters.ts';
import register from './register.ts';
import remove from './remove.ts';
import restore from './restore.ts';
import roster from './roster.ts';
import statistics from './statistics.ts';
import tier from './tier.ts';
// Meetings, minutes and supervised tasks (their file sections register on import).
import agenda from './agenda.ts';
import assign from './assign.ts';
import closeTask from './close-task.ts';
import complete from './complete.ts';
import escalate from './escalate.ts';
import extend from './extend.ts';
import meeting from './meeting.ts';
import minutes from './minutes.ts';
import park from './park.ts';
import requestMeeting from './request-meeting.ts';
import resumeMeeting from './resume.ts';
import returnTask from './return-task.ts';
import tasks from './tasks.ts';
// The quarterly screening and the director's digests on demand (scheduler issue).
import briefing from './briefing.ts';
import holidays from './holidays.ts';
import screening from './screening.ts';
// The 纾困中心 intake: enterprise requests from WeChat (微信客服); 办结 Q12 is closeTicket in src/intake/close.ts.
import acceptTicket from './accept-ticket.ts';
import linkTicket from './link-ticket.ts';
import replyTicket from './reply-ticket.ts';
import tickets from './tickets.ts';
import transferTicket from './transfer-ticket.ts';
import { closeTicketCommand } from '../src/intake/close.ts';
import '../src/intake/file-section.ts';
// File sections for tiers, outcomes, loans and credit repairs (registered on import).
import '../src/store/tier-outcome-sections.ts';
// Documents: Excel lists in and out, Word documents, calendar invitations (issue 9).
import exportDocs from './export.ts';
import importList from './import.ts';
import template from './template.ts';
import '../src/meetings/calendar/follow.ts';

/** The bot's whole chat vocabulary, in the order the help lists it. */
export const COMMANDS: readonly CommandDef[] = [
  help, register, enterprise, roster, cases, tier, remove,
  // 恢复 E12 (roster) and 恢复 M7 (a parked meeting matter) share the word.
  shareWord(restore as CommandDef, [{ match: /^[Mm]\d+$/u, def: resumeMeeting as CommandDef, summary: '恢复 M编号：恢复暂缓的会议事项' }]),
  statistics, creditRepair, loan, matters,
  requestMeeting, meeting, escalate, park, agenda, minutes,
  assign, tasks, complete,
  // 办结 T31 (a task, director) and 办结 Q12 (an enterprise request, 纾困中心) share the word.
  shareWord(closeTask as CommandDef, [{ match: /^[Qq]\d+$/u, def: closeTicketCommand as CommandDef, summary: '办结 Q编号：办结企业诉求' }]),
  returnTask, extend,
  screening, briefing, holidays,
  tickets, acceptTicket, replyTicket, transferTicket, linkTicket,
  exportDocs, template, importList,
] as readonly CommandDef[];
