/**
 * A queued message that a later change made false is withdrawn rather than sent: an invitation or
 * reminder for a meeting that has since moved, been parked or taken away, a card asking a unit to
 * act on a task that has since been closed, withdrawn or given another deadline. The change itself
 * queues the message that replaces it (会议改期, 延期已同意 …), so nobody reads the old date.
 */
import type { MessageSubject } from '../domain/types.ts';
import type { Meeting, Task } from '../store/model.ts';

interface Reader {
  get(c: 'meetings', id: string): Readonly<Meeting> | undefined;
  get(c: 'tasks', id: string): Readonly<Task> | undefined;
}

/** Why the message is no longer true, or undefined when it still is. */
export function staleReason(reader: Reader, about: MessageSubject | undefined): string | undefined {
  if (!about) return undefined;
  if (about.kind === 'meeting') {
    const m = reader.get('meetings', about.id);
    if (!m) return `会议 ${about.id} 已不存在`;
    if (m.parked) return `会议 ${about.id} 已暂缓`;
    if (m.time !== about.time) return `会议 ${about.id} 的时间已改`;
    return undefined;
  }
  const t = reader.get('tasks', about.id);
  if (!t) return `督办任务 ${about.id} 已撤销`;
  if (t.state === '已办结') return `督办任务 ${about.id} 已办结`;
  if (t.deadline !== about.deadline) return `督办任务 ${about.id} 的期限已改`;
  return undefined;
}
