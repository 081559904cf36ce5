/**
 * `npm run cli -- import FILE --unit 税务局`: an administrator imports a unit's list from a file,
 * as a liaison would by sending it in chat. The same preview comes first; nothing changes until the
 * administrator confirms (typed at the prompt, or --yes). The import then runs in one transaction
 * that plans again and refuses if the roster moved since the preview.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Config } from '../config/config.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Store } from '../store/store.ts';
import { applyImport, type ImportResult } from './apply.ts';
import { planImport, plannedRows } from './plan.ts';
import { confirmClosing, previewText } from './preview.ts';
import { readListFile } from './read-list.ts';

export interface CliImportOptions {
  store: Store;
  config: Config;
  file: string;
  unit: string;
  /** Confirmed in advance (--yes). */
  yes: boolean;
  /** Asks the administrator; resolves true for a 确认. Absent: not interactive. */
  ask?: (question: string) => Promise<boolean>;
  out: (text: string) => void;
  now: () => Date;
}

/** Plain text for a terminal: the chat's bold marks removed. */
const plain = (text: string) => text.replace(/\*\*/gu, '');

export async function cliImport(o: CliImportOptions): Promise<ImportResult | undefined> {
  const unit = o.config.findUnit(o.unit);
  if (!unit) throw new Error(`没有找到成员单位“${o.unit}”。请写配置中的单位名称或简称，如 ${o.config.units.slice(0, 3).map((u) => u.aliases[0] ?? u.name).join('、')}。`);
  const fileName = basename(o.file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(o.file);
  } catch {
    throw new Error(`读不到文件 ${o.file}。`);
  }
  const list = await readListFile(bytes, fileName);
  if (list.madeFor && list.madeFor !== unit.id) {
    throw new Error(`《${fileName}》是${o.config.unitById(list.madeFor)?.name ?? list.madeFor}的模板，不是${unit.name}的；请核对 --unit。`);
  }
  const preview = await o.store.transact({ actor: 'cli', action: 'import:preview' }, (tx) => planImport(tx, unit, list.rows));
  const shown = { id: '（命令行）', fileName };
  if (plannedRows(preview) === 0) {
    o.out(plain(previewText(shown, unit, preview, '没有可以导入的行，名册没有变化。')));
    return undefined;
  }
  o.out(plain(previewText(shown, unit, preview, confirmClosing(preview))));
  const confirmed = o.yes || (o.ask ? await o.ask(`确认导入以上${plannedRows(preview)}行？输入“确认”或 y 继续：`) : false);
  if (!confirmed) {
    o.out(o.ask ? '已取消，没有做任何更改。' : '没有确认，没有做任何更改（加 --yes 直接导入）。');
    return undefined;
  }
  const at = o.now().toISOString();
  const result = await o.store.transact({ actor: 'cli', action: 'import', source: `cli:${fileName}` }, (tx) => {
    const plan = planImport(tx, unit, list.rows);
    if (plan.fingerprint !== preview.fingerprint) throw new Error('名册在预览之后有了变化（服务或别人刚刚改过），没有导入。请重新运行本命令查看新的预览。');
    const applied = applyImport(tx, plan, unit, 'cli', at);
    const id = tx.nextId('I');
    tx.put('imports', {
      id, unitId: unit.id, fileName, source: `cli:${id}`, rows: list.rows, previewed: plan.fingerprint, state: 'applied', by: 'cli',
      createdAt: at, appliedAt: at, appliedBy: 'cli', result: { added: applied.added, merged: applied.merged, refused: plan.refused.length },
    });
    // The office hears of it the next time the service sends its outbox.
    for (const d of o.config.peopleWithRole('director')) {
      enqueue(tx, new Date(at), {
        to: { kind: 'person', personId: d.id },
        text: `【名册变动】管理员为${unit.name}批量导入名单《${fileName}》：新增企业${applied.added.length}家，补充预警信号${applied.merged.length}家。`,
        idempotencyKey: `import:${id}:${d.id}`,
      });
    }
    return applied;
  });
  o.out(`已导入：新增企业${result.added.length}家${result.added.length ? `（${result.added.join('、')}）` : ''}，补充预警信号${result.merged.length}家${result.merged.length ? `（${result.merged.join('、')}）` : ''}。`);
  return result;
}
