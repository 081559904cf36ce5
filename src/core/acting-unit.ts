import type { Config } from '../config/config.ts';
import { UserError } from '../domain/errors.ts';
import type { Person, Unit } from '../domain/types.ts';

/**
 * The unit a person acts for. A liaison acts for their own unit and cannot name another; the
 * director and admins (who have no unit of their own here) must name the unit they act for.
 */
export function actingUnit(config: Config, person: Person, named: string | undefined, usage: string): Unit {
  const own = person.unitId ? config.unitById(person.unitId) : undefined;
  if (named) {
    const unit = config.findUnit(named);
    if (!unit) throw new UserError(`没有找到成员单位“${named}”。可写单位简称，如 ${config.units.slice(0, 3).map((u) => u.aliases[0] ?? u.name).join('、')}。`);
    const speaksForAll = person.roles.includes('director') || person.roles.includes('admin');
    if (own && unit.id !== own.id && !speaksForAll) {
      throw new UserError(`您是${own.name}的联络员，只能以${own.name}的名义操作。`);
    }
    return unit;
  }
  if (own && person.roles.includes('liaison')) return own;
  throw new UserError(`请写明以哪个成员单位的名义操作，例如 单位:税务局。写法：${usage}`);
}
