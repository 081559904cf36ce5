/**
 * What importing a unit's list would do, against the roster as it is now: which rows list a new
 * enterprise, which add the unit's signal to one already listed (the 数据筛查对比 of several units
 * flagging the same enterprise), which are refused and why. Planning changes nothing; the plan's
 * fingerprint lets 确认 apply exactly what the preview showed, or notice that the roster moved.
 */
import { createHash } from 'node:crypto';
import type { Unit } from '../domain/types.ts';
import { checkRow, type RowProfile } from '../domain/import-row.ts';
import type { Trigger } from '../domain/triggers.ts';
import { activeSignals } from '../store/enterprises.ts';
import type { Enterprise, ImportRow } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

export interface PlannedSignal {
  row: number;
  trigger: Trigger;
  detail: string;
}

export interface PlannedEnterprise {
  kind: 'add' | 'merge';
  /** The enterprise on the roster (merge). */
  enterpriseId?: string;
  /** As written in the list (its first row). */
  name: string;
  code: string;
  signals: PlannedSignal[];
  profile: RowProfile;
  notes: string[];
}

export interface Refusal {
  row: number;
  reason: string;
}

export interface ImportPlan {
  enterprises: PlannedEnterprise[];
  refused: Refusal[];
  rowsRead: number;
  /** Changes whenever what would be applied changes. */
  fingerprint: string;
}

/** The roster entry a row is about: same code, or (for one listed by name only) the same name. */
function onRoster(reader: StateReader, code: string, name: string): Enterprise | undefined {
  return reader.lookup('enterprises', 'uscc', code)[0] ?? reader.lookup('enterprises', 'name', name).find((e) => !e.uscc);
}

export function planImport(reader: StateReader, unit: Unit, rows: readonly ImportRow[]): ImportPlan {
  const planned = new Map<string, PlannedEnterprise>();
  const firstRow = new Map<string, number>();
  const refused: Refusal[] = [];
  for (const input of rows) {
    if (input.problem) {
      refused.push({ row: input.row, reason: input.problem });
      continue;
    }
    const checked = checkRow(input, unit.kind);
    if (!checked.ok) {
      refused.push({ row: input.row, reason: checked.reason });
      continue;
    }
    const r = checked.row;
    const key = `${r.code}|${r.trigger.code}`;
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      refused.push({ row: input.row, reason: `与第${earlier}行重复（同一企业、同一预警情形）。` });
      continue;
    }
    const existing = onRoster(reader, r.code, r.name);
    const already = existing && activeSignals(existing).find((s) => s.unitId === unit.id && s.trigger === r.trigger.code);
    if (existing && already && existing.status === 'active') {
      refused.push({ row: input.row, reason: `${existing.id} ${existing.names[0]}已由${unit.name}以“${r.trigger.label}”登记（${already.at.slice(0, 10)}），无需重复导入。` });
      continue;
    }
    firstRow.set(key, input.row);
    let p = planned.get(r.code);
    if (!p) {
      p = existing
        ? { kind: 'merge', enterpriseId: existing.id, name: r.name, code: r.code, signals: [], profile: {}, notes: mergeNotes(existing, r.name) }
        : { kind: 'add', name: r.name, code: r.code, signals: [], profile: {}, notes: sameNameNote(reader, r.name) };
      planned.set(r.code, p);
    }
    p.signals.push({ row: input.row, trigger: r.trigger, detail: r.detail });
    p.profile = { ...r.profile, ...p.profile };
    p.notes.push(...r.notes.map((n) => `第${input.row}行${n}`));
  }
  const enterprises = [...planned.values()];
  return { enterprises, refused: refused.sort((a, b) => a.row - b.row), rowsRead: rows.length, fingerprint: fingerprintOf(enterprises) };
}

function mergeNotes(e: Enterprise, name: string): string[] {
  return [
    ...(e.status === 'closed' ? ['此前已移出名册，将重新列入'] : []),
    ...(!e.uscc ? ['将补充信用代码'] : []),
    ...(!e.names.includes(name) ? [`名册中名称为“${e.names[0]}”，将记录另一名称`] : []),
  ];
}

function sameNameNote(reader: StateReader, name: string): string[] {
  const same = reader.lookup('enterprises', 'name', name)[0];
  return same ? [`名册中已有同名企业 ${same.id}（信用代码不同），按新企业列入，请核实`] : [];
}

function fingerprintOf(enterprises: readonly PlannedEnterprise[]): string {
  const shape = enterprises.map((p) => [p.kind, p.enterpriseId ?? p.code, p.signals.map((s) => [s.row, s.trigger.code])]);
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
}

/** Rows that would change the roster. */
export function plannedRows(plan: ImportPlan): number {
  return plan.enterprises.reduce((n, p) => n + p.signals.length, 0);
}
