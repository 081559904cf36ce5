/** Meetings, minutes and supervised tasks (001 §四–§五, 002 §四). */
import type { HistoryEntry } from './roster.ts';
import type { MeetingLevel } from '../../domain/meeting-levels.ts';
import type { TaskState } from '../../domain/task-colour.ts';

/** 业务会议 (point to point), 专题会议 (the office director convenes), 联席会议 (the conveners). */

/** An invited unit's answer to the proposed time. */
export interface MeetingResponse {
  answer: 'pending' | 'accepted' | 'reschedule' | 'declined';
  /** ISO instant the unit proposes instead (改期). */
  proposedTime?: string;
  reason?: string;
  by?: string;
  at?: string;
}

export interface Meeting {
  /** Short chat id: M7. */
  id: string;
  level: MeetingLevel;
  topic: string;
  requesterId: string;
  /** The requesting member unit; absent when the office (its director) convenes. */
  requesterUnitId?: string;
  /** Invited units (not the requester's own). */
  unitIds: string[];
  enterpriseIds: string[];
  /** ISO instant; absent until someone sets it (a 专题会议 made by 升级 waits for the director). */
  time?: string;
  /** 地点, as 申请会议 or 会议 M7 地点:… gave it: carried into notices, calendars and the 纪要. */
  place?: string;
  /** unscheduled: no time yet; proposed: waiting for answers; confirmed: every unit accepted. */
  status: 'unscheduled' | 'proposed' | 'confirmed';
  /** By unit id, one per invited unit; reset whenever the time changes. */
  responses: Record<string, MeetingResponse>;
  outcome?: { result: '已解决' | '未解决'; note: string; by: string; at: string };
  /** The lower-level meeting this one was escalated from. */
  escalatedFrom?: string;
  /** What it was escalated to: a meeting id (M…) or a joint-meeting agenda item id (A…). */
  escalatedTo?: string;
  escalation?: { reason?: string; by: string; at: string };
  /** 暂缓 (002 §四: not yet ripe, may be resubmitted); `until` is the day to bring it back. */
  parked?: { reason: string; until?: string; by: string; at: string };
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

/** 联席会议议题: a matter waiting for the next joint meeting. */
export interface AgendaItem {
  /** Short chat id: A3. */
  id: string;
  topic: string;
  /** The 专题会议 it was escalated from, when it came up the ladder. */
  fromMeetingId?: string;
  enterpriseIds: string[];
  unitIds: string[];
  reason?: string;
  addedBy: string;
  addedAt: string;
  /** open until a joint meeting takes it up (the scheduler sets taken + takenIn). */
  status: 'open' | 'taken';
  takenIn?: string;
  takenAt?: string;
}

/** One 议定事项 of a 纪要; a task line also created a supervised task. */
export interface MinutesItem {
  text: string;
  taskId?: string;
}

/** 纪要 (GB/T 9704 §10.3): binding on the members (001 §五(三)). One per meeting. */
export interface Minutes {
  /** The meeting's id: one 纪要 per meeting. */
  id: string;
  meetingId: string;
  year: number;
  /** 第N号, counted per year. */
  number: number;
  items: MinutesItem[];
  taskIds: string[];
  attendance: { present: string[]; absent: string[]; observers: string[] };
  place?: string;
  chair?: string;
  recordedBy: string;
  recordedAt: string;
  /** Set when the 纪要 was re-issued with corrections (纪要 M7 更正); the number stays. */
  corrected?: { count: number; by: string; at: string };
}

/** 督办事项 states; a 退回 goes back to 办理中 with `returned` set. */

export interface TaskStep {
  at: string;
  by: string;
  /** One Chinese line: "区税务局报完成：已解除查封". */
  text: string;
}

export interface TaskExtension {
  to: string;
  reason: string;
  state: 'pending' | 'granted' | 'refused';
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  refusal?: string;
}

export interface Task {
  /** Short chat id: T31. */
  id: string;
  content: string;
  leadUnitId: string;
  coUnitIds: string[];
  /** 'YYYY-MM-DD', a working day when the calendar covers it. */
  deadline: string;
  /** As first set, before any extension. */
  originalDeadline: string;
  source: { kind: 'minutes'; meetingId: string; minutesNumber: number; year: number } | { kind: 'assigned'; by: string };
  /** 1–12, the coordination matter of 001 附件2 (src/domain/matters.ts). */
  matter?: number;
  enterpriseIds: string[];
  state: TaskState;
  completion?: { note: string; by: string; at: string };
  /** The last 退回; the task is back in 办理中 and shows 黄 until it is reported done again. */
  returned?: { reason: string; by: string; at: string };
  extension?: TaskExtension;
  closedAt?: string;
  history: TaskStep[];
  createdAt: string;
  updatedAt: string;
}
