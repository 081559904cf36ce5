import type { Config } from '../config/config.ts';
import { logger } from '../log/log.ts';
import { toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import { enqueue } from './enqueue.ts';
import type { Store, WriteProblem } from '../store/store.ts';

/**
 * Tells the admins about a spell of a full (or unwritable) disk once it is over. While it lasts
 * nothing can be queued — queueing is a write — so it shows on /healthz, and everyone who tried to
 * change something was told it was not saved; afterwards the admins hear how long it lasted and
 * how many changes were refused.
 */
export function tellAdminsWhenWritesRecover(store: Store, config: Config, onOutbox: () => void): void {
  store.onWriteRecovered((problem) => {
    void store
      .transact({ actor: 'system', action: 'disk-recovered' }, (tx) => {
        for (const admin of config.peopleWithRole('admin')) {
          enqueue(tx, store.now(), { to: { kind: 'person', personId: admin.id }, text: noticeText(problem), idempotencyKey: `disk-recovered:${problem.since}:${admin.id}` });
        }
      })
      .then(onOutbox, (err: unknown) => logger.error({ err }, 'could not queue the disk-recovered notice'));
  });
}

function noticeText(p: WriteProblem): string {
  const since = new Date(p.since);
  return `【系统提示】数据目录自 ${toShanghaiDate(since)} ${toShanghaiTime(since)} 起无法写入（${p.detail}），期间 ${p.refused} 项更改未能保存，提交的人当时已被告知“没有保存”。现已恢复正常，可以照常使用；请检查服务器磁盘空间。`;
}
