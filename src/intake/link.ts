/**
 * Linking a ticket to the roster from what the enterprise wrote: a valid 18-character 信用代码,
 * or the full name of exactly one enterprise on the roster. What is found is for staff only —
 * the enterprise is never told whether or how it is listed.
 */
import type { Config } from '../config/config.ts';
import { tierDisplay, tierOf } from '../domain/tiers.ts';
import { triggerByCode } from '../domain/triggers.ts';
import { checkUscc } from '../domain/uscc.ts';
import { toHalfWidth } from '../domain/text.ts';
import { activeSignals, displayName } from '../store/enterprises.ts';
import type { Ticket } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

/** Names shorter than this are too likely to occur inside other words ("某某" in any text). */
const MIN_NAME_LENGTH = 4;
const CODE_LIKE = /(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])/gu;

export interface RosterMatch {
  enterpriseId?: string;
  /** A valid code that is not on the roster (staff may list the enterprise with it). */
  claimedUscc?: string;
}

/** Valid 信用代码 in a text (the check digit must be right: a typo is not a claim). */
export function codesIn(text: string): string[] {
  const upper = toHalfWidth(text).toUpperCase();
  return [...upper.matchAll(CODE_LIKE)].map((m) => m[0]).filter((c) => checkUscc(c).ok);
}

export function findRosterMatch(reader: StateReader, text: string): RosterMatch {
  const codes = codesIn(text);
  for (const code of codes) {
    const e = reader.lookup('enterprises', 'uscc', code)[0];
    if (e) return { enterpriseId: e.id };
  }
  const named = new Set<string>();
  for (const e of reader.values('enterprises')) {
    if (e.names.some((n) => n.length >= MIN_NAME_LENGTH && text.includes(n))) named.add(e.id);
  }
  const claimed = codes[0] ? { claimedUscc: codes[0] } : {};
  if (named.size === 1) return { enterpriseId: [...named][0]!, ...claimed };
  return claimed;
}

/**
 * Tries to link an unlinked ticket from all the customer's text; keeps a claimed code. Returns
 * true when the ticket changed.
 */
export function refreshLink(reader: StateReader, t: Ticket): boolean {
  if (t.enterpriseId) return false;
  const text = t.messages.filter((m) => m.from === 'customer').map((m) => m.text).join('\n');
  let match = findRosterMatch(reader, text);
  // A code the enterprise gave earlier may have been listed since (登记 … 代码:…).
  if (!match.enterpriseId && t.claimedUscc) {
    const listed = reader.lookup('enterprises', 'uscc', t.claimedUscc)[0];
    if (listed) match = { enterpriseId: listed.id };
  }
  let changed = false;
  if (match.enterpriseId) {
    t.enterpriseId = match.enterpriseId;
    delete t.claimedUscc;
    changed = true;
  } else if (match.claimedUscc && match.claimedUscc !== t.claimedUscc) {
    t.claimedUscc = match.claimedUscc;
    changed = true;
  }
  return changed;
}

/** One internal line about a linked enterprise: id, name, code, tier, signals, status. */
export function enterpriseSummary(reader: StateReader, config: Config, enterpriseId: string): string {
  const e = reader.get('enterprises', enterpriseId);
  if (!e) return enterpriseId;
  const signals = activeSignals(e).map((s) => `${config.unitById(s.unitId)?.name ?? s.unitId}（${triggerByCode(s.trigger)?.label ?? s.trigger}）`);
  return [
    displayName(e),
    e.uscc ? `代码 ${e.uscc}` : undefined,
    e.tier ? tierDisplay(tierOf(e.tier.tier)) : undefined,
    signals.length ? `预警：${signals.join('、')}` : undefined,
    e.status === 'closed' ? '已移出名册' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}
