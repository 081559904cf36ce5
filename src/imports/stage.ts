/**
 * A list sent to the bot as a file: downloaded from the platform, read, and kept as a staged batch
 * (I3) — outside any transaction, since a download may take a while. The dispatcher then runs
 * `导入 I3`, whose confirmation question is the preview, so nothing reaches the roster before the
 * person answers 确认 (the same confirmation every other hard-to-undo command uses).
 */
import type { Config } from '../config/config.ts';
import { PlatformError } from '../outbox/platform-error.ts';
import { UserError } from '../domain/errors.ts';
import type { InboundMessage, Person, Unit } from '../domain/types.ts';
import type { Store } from '../store/store.ts';

export interface StageDeps {
  store: Store;
  config: Config;
  clock: () => Date;
}

/** Which unit the list is for: a liaison's own; for the office, the unit whose template it is. */
function unitFor(config: Config, person: Person, madeFor: string | undefined): Unit {
  const template = madeFor ? config.unitById(madeFor) : undefined;
  const own = person.roles.includes('liaison') && person.unitId ? config.unitById(person.unitId) : undefined;
  if (own) {
    if (template && template.id !== own.id) {
      throw new UserError(`这份表格是${template.name}的模板，您是${own.name}的联络员。请发“模板”获取本单位的表格填写。`);
    }
    return own;
  }
  if (template && (person.roles.includes('director') || person.roles.includes('admin'))) return template;
  throw new UserError('名单由成员单位联络员报送：请联络员发“模板”获取本单位的表格，填好后发给我。办公室代为导入时，请用该单位的模板（模板 单位:税务局）填写。');
}

export function stageAttachment(deps: StageDeps): (msg: InboundMessage, person: Person) => Promise<string> {
  return async (msg, person) => {
    const source = `${msg.channel}:${msg.messageId}`;
    const staged = deps.store.lookup('imports', 'source', source)[0];
    if (staged) return `导入 ${staged.id}`;
    const file = msg.attachment!;
    if (!file.fetch) throw new UserError(`文件《${file.name}》已无法取回（服务曾重启），请重新发送。`);
    let bytes: Uint8Array;
    try {
      bytes = await file.fetch();
    } catch (err) {
      if (err instanceof PlatformError) throw new UserError(`文件《${file.name}》下载失败，请稍后重新发送。`);
      throw err;
    }
    // Loaded on first use: exceljs is not needed to start the service.
    const { readListFile } = await import('./read-list.ts');
    const list = await readListFile(bytes, file.name);
    const unit = unitFor(deps.config, person, list.madeFor);
    const at = deps.clock().toISOString();
    const id = await deps.store.transact({ actor: person.id, action: 'import:stage', source }, (tx) => {
      const again = tx.lookup('imports', 'source', source)[0];
      if (again) return again.id;
      const batchId = tx.nextId('I');
      tx.put('imports', { id: batchId, unitId: unit.id, fileName: file.name, source, rows: list.rows, state: 'staged', by: person.id, createdAt: at });
      return batchId;
    });
    return `导入 ${id}`;
  };
}
