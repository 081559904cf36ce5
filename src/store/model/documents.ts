/** Documents: batch lists in, the 工作简报 issues, calendar invitations (issue 9). */
import type { RowInput } from '../../domain/import-row.ts';

/** One row of a unit's list as read from its spreadsheet (cells as text; checked when planned). */
export interface ImportRow extends RowInput {
  /** The row number Excel shows. */
  row: number;
  /** Something about the cells that refuses the row whatever they say (a code stored as a number). */
  problem?: string;
}

/**
 * A unit's list (001 §五(二): 吊销/欠税/停产/困境企业名单 …) taken in and waiting for 确认. Nothing on
 * the roster changes until it is applied; 确认 applies exactly the plan shown in the preview.
 */
export interface ImportBatch {
  /** Short chat id: I3. */
  id: string;
  unitId: string;
  fileName: string;
  /** The message that brought the file (`${channel}:${messageId}`), or `cli:…`. */
  source: string;
  rows: ImportRow[];
  /** Fingerprint of the plan shown in the last preview. */
  previewed?: string;
  state: 'staged' | 'applied';
  by: string;
  createdAt: string;
  appliedAt?: string;
  appliedBy?: string;
  result?: { added: string[]; merged: string[]; refused: number };
}

/** One issue of the 工作简报 (domain-rules §4.5): 第N期 counted per year, and the period it reports. */
export interface BriefingIssue {
  /** '2026-3' */
  id: string;
  year: number;
  number: number;
  /** 'YYYY-MM-DD', inclusive. */
  from: string;
  to: string;
  issuedAt: string;
  by: string;
}

/**
 * A 督办通报 once numbered: its 发文字号 (府院联办〔2026〕N号) is given the first time the quarter is
 * exported, from a per-year counter, and kept: exporting the quarter again prints the same number.
 */
export interface ReportIssue {
  /** The quarter: '2026Q4'. */
  id: string;
  /** The year of the 发文字号 (the year it was first issued). */
  year: number;
  number: number;
  issuedAt: string;
  by: string;
}

/**
 * A meeting's calendar invitation: what it says now (raised `sequence` on every change) and how far
 * each platform has it. A meeting change sets `due`; the calendar sync clears it once the WeCom
 * schedule and the .ics files carry this sequence.
 */
export interface MeetingCalendar {
  /** The meeting's id. */
  id: string;
  /** The .ics SEQUENCE: 0 for the first invitation, +1 for each change or the cancellation. */
  sequence: number;
  state: 'scheduled' | 'cancelled';
  /** ISO instants. */
  start: string;
  end: string;
  summary: string;
  description: string;
  /** The meeting's 地点, when it was given. */
  location?: string;
  organizerId: string;
  attendeeIds: string[];
  /** The WeCom schedule: its id once created (written with the API's answer) and the sequence it shows. */
  wecom?: { scheduleId?: string; sequence: number; deleted?: boolean };
  /** The sequence the last .ics files carried. */
  icsSequence?: number;
  due: boolean;
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  updatedAt: string;
}
