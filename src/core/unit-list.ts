import type { Config } from '../config/config.ts';
import { splitList } from '../domain/lists.ts';
import { UserError } from '../domain/errors.ts';
import type { Unit } from '../domain/types.ts';

/** One unit by what people type (税务局, 税务, 区税务局), or one Chinese sentence saying it is unknown. */
export function resolveUnit(config: Config, text: string): Unit {
  const unit = config.findUnit(text.trim());
  if (!unit) {
    const some = config.units.slice(0, 4).map((u) => u.aliases[0] ?? u.name).join('、');
    throw new UserError(`没有找到成员单位“${text.trim()}”，请写单位简称，如 ${some}。`);
  }
  return unit;
}

/** "税务局,人社局" / "税务局，人社局" / "税务局、人社局" → the units, each once, in the order given. */
export function resolveUnits(config: Config, text: string): Unit[] {
  const units = splitList(text).map((name) => resolveUnit(config, name));
  return units.filter((u, i) => units.findIndex((v) => v.id === u.id) === i);
}

/** The one lead unit of a task (督办 names one 牵头单位; the others are 协办). */
export function resolveLeadUnit(config: Config, text: string): Unit {
  const names = splitList(text);
  if (names.length > 1) throw new UserError(`只能有一个牵头单位（写了${names.join('、')}），其他单位请写在 协办:… 里。`);
  return resolveUnit(config, text);
}

export function unitName(config: Config, id: string): string {
  return config.unitById(id)?.name ?? id;
}

export function unitNames(config: Config, ids: readonly string[]): string {
  return ids.map((id) => unitName(config, id)).join('、');
}
