/**
 * The lines of a 纪要 as the recorder types them after `纪要 M7`:
 *
 *   议定：同意由管理人接管厂区
 *   任务：解除对E12厂房的查封 牵头:法院 协办:公安局 期限:10个工作日
 *   出席：区法院、区税务局
 *   请假：区人社局
 *   列席：破产管理人
 *   地点：区法院第三会议室        主持：办公室主任
 *
 * Numbering people add out of habit ("一、", "1.", "（二）") is ignored. Units and dates stay as
 * typed here; the command resolves them against the config and the calendar.
 */
import { splitList } from './lists.ts';

export interface MinutesTaskLine {
  /** 1-based line number in the body, for error messages. */
  line: number;
  content: string;
  lead?: string;
  co: string[];
  deadline?: string;
  enterprises: string[];
  matter?: string;
}

export type MinutesLine = { kind: 'decision'; text: string } | { kind: 'task'; task: MinutesTaskLine };

export interface MinutesDraft {
  items: MinutesLine[];
  present?: string[];
  absent?: string[];
  observers?: string[];
  place?: string;
  chair?: string;
}

export type MinutesParse = { ok: true; draft: MinutesDraft } | { ok: false; reason: string };

const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)）]|[（(][一二三四五六七八九十\d]+[)）])\s*/u;

type LineKind = 'decision' | 'task' | 'present' | 'absent' | 'observers' | 'place' | 'chair';

const PREFIXES: readonly [RegExp, LineKind][] = [
  [/^(?:议定事项|议定|决定)\s*[:：]/u, 'decision'],
  [/^(?:任务|督办|督办事项)\s*[:：]/u, 'task'],
  [/^(?:出席|参会|出席单位)\s*[:：]/u, 'present'],
  [/^请假\s*[:：]/u, 'absent'],
  [/^列席\s*[:：]/u, 'observers'],
  [/^(?:地点|会议地点)\s*[:：]/u, 'place'],
  [/^(?:主持|主持人)\s*[:：]/u, 'chair'],
];

/** Keys inside a task line; the longer spelling first so 牵头单位 is not read as 牵头 + "单位". */
const TASK_KEYS: readonly [string, keyof Omit<MinutesTaskLine, 'line' | 'content'>][] = [
  ['牵头单位', 'lead'], ['牵头', 'lead'], ['协办单位', 'co'], ['协办', 'co'], ['完成时限', 'deadline'], ['期限', 'deadline'],
  ['时限', 'deadline'], ['企业', 'enterprises'], ['事项', 'matter'],
];
const TASK_KEY = new RegExp(`(?:^|\\s)(${TASK_KEYS.map(([k]) => k).join('|')})\\s*[:：]\\s*`, 'gu');

export const MINUTES_LINE_FORMS = '议定：<议定事项>、任务：<内容> 牵头:<单位> [协办:<单位>] 期限:<日期或N个工作日>、出席：、请假：、列席：';

export function parseMinutesBody(lines: readonly string[]): MinutesParse {
  const draft: MinutesDraft = { items: [] };
  for (const [i, raw] of lines.entries()) {
    const text = raw.trim().replace(NUMBERING, '');
    if (!text) continue;
    const hit = PREFIXES.find(([re]) => re.test(text));
    if (!hit) return { ok: false, reason: `第${i + 1}行“${short(text)}”看不懂：每行以 ${MINUTES_LINE_FORMS} 开头。` };
    const value = text.replace(hit[0], '').trim();
    if (!value) return { ok: false, reason: `第${i + 1}行“${short(text)}”没有内容。` };
    switch (hit[1]) {
      case 'decision':
        draft.items.push({ kind: 'decision', text: value });
        break;
      case 'task': {
        const task = parseTaskLine(value, i + 1);
        if (!task.ok) return task;
        draft.items.push({ kind: 'task', task: task.task });
        break;
      }
      case 'present':
      case 'absent':
      case 'observers': {
        const key = hit[1];
        draft[key] = [...(draft[key] ?? []), ...splitList(value)];
        break;
      }
      case 'place':
      case 'chair':
        draft[hit[1]] = value;
        break;
    }
  }
  if (draft.items.length === 0) return { ok: false, reason: `纪要里没有议定事项：请至少写一行 议定：… 或 任务：…（可写的行：${MINUTES_LINE_FORMS}）。` };
  return { ok: true, draft };
}

type TaskParse = { ok: true; task: MinutesTaskLine } | { ok: false; reason: string };

/**
 * "解除查封 牵头:法院 协办:公安局 期限:10个工作日": the content is what comes before the first key.
 * Minutes bind the members (001 §五(三)), so a task without a lead unit or a deadline is refused.
 */
export function parseTaskLine(value: string, line: number): TaskParse {
  const s = value;
  const marks = [...s.matchAll(TASK_KEY)];
  const content = (marks.length ? s.slice(0, marks[0]!.index) : s).trim();
  const task: MinutesTaskLine = { line, content, co: [], enterprises: [] };
  for (const [j, m] of marks.entries()) {
    const end = j + 1 < marks.length ? marks[j + 1]!.index : s.length;
    const v = unquote(s.slice(m.index + m[0].length, end).trim());
    const field = TASK_KEYS.find(([k]) => k === m[1])![1];
    if (field === 'co' || field === 'enterprises') task[field] = splitList(v);
    else task[field] = v;
  }
  if (!task.content) return { ok: false, reason: `第${line}行的任务没有写内容：任务：<内容> 牵头:<单位> 期限:<日期>。` };
  if (!task.lead) {
    return { ok: false, reason: `第${line}行的任务“${short(task.content)}”没有写牵头单位：纪要议定的事项对各成员单位有约束力，每项任务都要写明 牵头:<单位>。` };
  }
  if (!task.deadline) return { ok: false, reason: `第${line}行的任务“${short(task.content)}”没有写期限：请加 期限:2026-12-31 或 期限:10个工作日。` };
  return { ok: true, task };
}

function unquote(v: string): string {
  const m = /^["“「'‘『](.*)["”」'’』]$/su.exec(v);
  return m ? m[1]!.trim() : v;
}

function short(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

const ORDINALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (items of a 纪要: "一、…二、…"). */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return ORDINALS[n]!;
  if (n < 20) return `十${ORDINALS[n - 10]}`;
  if (n < 100) return `${ORDINALS[Math.floor(n / 10)]}十${n % 10 ? ORDINALS[n % 10] : ''}`;
  return String(n);
}
