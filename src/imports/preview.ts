/**
 * The preview a unit sees before anything changes: rows to add, signals to merge, rows refused and
 * why. Long lists are cut (the file itself has every row); what is cut is counted.
 */
import type { Unit } from '../domain/types.ts';
import { render } from '../render/templates.ts';
import type { ImportBatch } from '../store/model.ts';
import { type ImportPlan, type PlannedEnterprise, plannedRows } from './plan.ts';

const SHOWN = 15;

function rowsOf(p: PlannedEnterprise): string {
  return `第${p.signals.map((s) => s.row).join('、')}行`;
}

function signalsOf(p: PlannedEnterprise): string {
  return p.signals.map((s) => `${s.trigger.label}${s.detail ? `（${s.detail}）` : ''}`).join('；');
}

function cut<T>(list: readonly T[]): { shown: T[]; more: number } {
  return { shown: list.slice(0, SHOWN), more: Math.max(0, list.length - SHOWN) };
}

export function previewText(batch: Pick<ImportBatch, 'id' | 'fileName'>, unit: Unit, plan: ImportPlan, closing: string): string {
  const adds = plan.enterprises.filter((p) => p.kind === 'add');
  const merges = plan.enterprises.filter((p) => p.kind === 'merge');
  const a = cut(adds.map((p) => `${rowsOf(p)} ${p.name}（${p.code}）：${signalsOf(p)}`));
  const m = cut(merges.map((p) => `${rowsOf(p)} ${p.enterpriseId} ${p.name}：${signalsOf(p)}`));
  const r = cut(plan.refused.map((x) => `第${x.row}行：${x.reason}`));
  const notes = cut(plan.enterprises.flatMap((p) => p.notes.map((n) => `${p.kind === 'merge' ? p.enterpriseId : p.name}：${n}`)));
  return render('import-preview', {
    id: batch.id,
    unit: unit.name,
    file: batch.fileName,
    rowsRead: plan.rowsRead,
    adds: a.shown, addCount: adds.length, addMore: a.more,
    merges: m.shown, mergeCount: merges.length, mergeMore: m.more,
    refused: r.shown, refusedCount: plan.refused.length, refusedMore: r.more,
    notes: notes.shown,
    closing,
  });
}

/** The sentence that closes a preview asking for 确认. */
export function confirmClosing(plan: ImportPlan): string {
  const n = plannedRows(plan);
  const refused = plan.refused.length ? '不予导入的行请改正后另行发送。' : '';
  return `确认后导入以上${n}行（一次完成，任何一行出错都不会导入）。${refused}`;
}
