import { UserError } from '../domain/errors.ts';
import { checkUscc, looksLikeUscc, normalizeUscc } from '../domain/uscc.ts';
import type { Enterprise } from './model.ts';
import type { StateReader, Tx } from './tx.ts';

/**
 * Finding enterprises the way people refer to them: by chat id (E12), by 信用代码, or by name
 * (full, or a part that matches exactly one enterprise).
 */

const SHORT_ID = /^[Ee]\d{1,7}$/;

/** Returns the enterprise or throws one Chinese sentence that says what to write instead. */
export function findEnterprise(reader: StateReader, ref: string): Enterprise {
  const text = ref.trim();
  if (SHORT_ID.test(text)) {
    const e = reader.get('enterprises', text.toUpperCase());
    if (!e) throw new UserError(`没有编号为 ${text.toUpperCase()} 的企业。可以发“名册”查看在册企业。`);
    return e;
  }
  const code = normalizeUscc(text);
  if (looksLikeUscc(code)) {
    const byCode = reader.lookup('enterprises', 'uscc', code)[0];
    if (byCode) return byCode;
    const check = checkUscc(code);
    throw new UserError(check.ok ? `名册中没有信用代码为 ${code} 的企业。` : check.reason);
  }
  const exact = reader.lookup('enterprises', 'name', text);
  if (exact.length === 1) return exact[0]!;
  const partial = (exact.length > 1 ? exact : [...reader.values('enterprises')].filter((e) => e.names.some((n) => n.includes(text)))).sort(byNumber);
  if (partial.length === 1) return partial[0]!;
  if (partial.length === 0) throw new UserError(`名册中没有找到“${text}”。可以写编号（如 E12）、信用代码或完整名称。`);
  const some = partial.slice(0, 5).map((e) => `${e.id} ${e.names[0]}`).join('；');
  throw new UserError(`“${text}”对应多家企业：${some}${partial.length > 5 ? ' 等' : ''}。请写编号（如 ${partial[0]!.id}）。`);
}

/** E2 before E10: chat ids sort by their number. */
export function byNumber(a: { id: string }, b: { id: string }): number {
  return Number(a.id.slice(1)) - Number(b.id.slice(1));
}

/** Adds a line to the enterprise's file (its history) and bumps updatedAt. */
export function withHistory(e: Enterprise, at: string, by: string, text: string): Enterprise {
  return { ...e, history: [...e.history, { at, by, text }], updatedAt: at };
}

export function displayName(e: Pick<Enterprise, 'id' | 'names'>): string {
  return `${e.id} ${e.names[0] ?? ''}`.trim();
}

/** A new enterprise record with its first name (and credit code, when known), not yet stored. */
export function newEnterprise(tx: Tx, name: string, code: string | undefined, at: string): Enterprise {
  return {
    id: tx.nextId('E'),
    names: [name],
    ...(code ? { uscc: code } : {}),
    signals: [],
    tierHistory: [],
    status: 'active',
    history: [],
    createdAt: at,
    updatedAt: at,
  };
}

export function putEnterprise(tx: Tx, e: Enterprise): void {
  tx.put('enterprises', e);
}

/** Active signals (not withdrawn), the basis of the roster. */
export function activeSignals(e: Enterprise): Enterprise['signals'] {
  return e.signals.filter((s) => !s.withdrawnAt);
}
