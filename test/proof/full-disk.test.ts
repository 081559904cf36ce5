import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/transcript.ts';
import { healthz } from '../support/healthz.ts';

/**
 * A disk that fills up: while `free` is set, a write stores at most that many bytes and reports
 * the short count (as write(2) does on a nearly full disk); the next write fails with ENOSPC.
 * The fault is injected at the journal's write call; everything else is the real service.
 */
class FillingDisk {
  free: number | undefined;

  readonly open = async (path: string, flags: string): Promise<FileHandle> => {
    const fh = await open(path, flags);
    const write = fh.write.bind(fh) as (b: Buffer, o: number, l: number) => Promise<{ bytesWritten: number; buffer: Buffer }>;
    (fh as unknown as { write: typeof write }).write = async (buffer, offset, length) => {
      if (this.free === undefined) return write(buffer, offset, length);
      if (this.free === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const n = Math.min(length, this.free);
      this.free -= n;
      return write(buffer, offset, n);
    };
    return fh;
  };
}


let t: TestBot | undefined;
afterEach(async () => t?.close());

const register = (name: string, code: string) => `登记 ${name} 代码:${code} 情形:欠税 说明:${'经营困难，'.repeat(96)}`;

describe('a full disk', () => {
  it('refuses changes with one sentence, never an acknowledgement; says so on /healthz; takes changes again once space is freed', async () => {
    const disk = new FillingDisk();
    t = await createTestBot({ store: { openFile: disk.open } });
    expect(await t.say('区税务局联络员', 'single', register('某某机械有限公司', '91440300192317458F'))).toContain('已列入名册');

    disk.free = 4096 - 3900; // a few hundred bytes left: the 480-character 说明 does not fit
    const refused = await t.say('区税务局联络员', 'single', register('某某商贸有限公司', '914403001922038216'));
    expect(refused).toBe('服务器磁盘已满或暂时无法写入，这次的更改没有保存，请稍后再试。管理员已在系统状态中看到这个问题。');
    expect(t.app.store.count('enterprises')).toBe(1);
    const down = await healthz(t);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, store: { writable: false, refused: 1 } });
    expect(String((down.body.store as { problem: string }).problem)).toContain('ENOSPC');
    // Reading still works while the disk is full.
    expect(await t.say('区税务局联络员', 'single', '名册')).toContain('某某机械有限公司');

    disk.free = undefined; // space freed: no restart
    expect(await t.say('区税务局联络员', 'single', register('某某商贸有限公司', '914403001922038216'))).toContain('已列入名册');
    const up = await healthz(t);
    expect(up.status).toBe(200);
    expect(up.body.ok).toBe(true);
    // …and the admins hear what happened, once it is over.
    await t.app.store.durable();
    const notices = [...t.app.store.values('outbox')].filter((o) => o.id.startsWith('disk-recovered:'));
    expect(notices.map((o) => o.message.to)).toEqual(t.config.peopleWithRole('admin').map((a) => ({ kind: 'person', personId: a.id })));
    expect(notices[0]!.message.text).toMatch(/^【系统提示】数据目录自 2026-11-23 09:00 起无法写入（ENOSPC: no space left on device, write），期间 1 项更改未能保存/);

    // What was acknowledged is on disk, and the journal is whole: a crash and restart reads it.
    await t.restart({ crash: true });
    expect([...t.app.store.values('enterprises')].map((e) => e.names[0]).sort()).toEqual(['某某商贸有限公司', '某某机械有限公司']);
    expect(t.app.store.warnings).toEqual([]);
  });
});
