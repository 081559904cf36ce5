import type { Config } from '../../../src/config/config.ts';
import type { Person, Role, UnitKind } from '../../../src/domain/types.ts';

/**
 * One speaker per role of the config: a liaison of every unit kind that has its own listing
 * triggers or duties (the court, tax, human resources, market regulation, the central bank), a
 * liaison of a unit without them, the director, a convener, rescue-center staff and an admin —
 * plus, in the tests, an unknown sender and an external enterprise.
 */
export interface RoleCase {
  label: string;
  person: Person;
  roles: Role[];
}

const LIAISON_KINDS: UnitKind[] = ['court', 'tax', 'hrss', 'market', 'pboc', 'drc'];

export function roleCases(config: Config): RoleCase[] {
  const out: RoleCase[] = [];
  for (const kind of LIAISON_KINDS) {
    const unit = config.units.find((u) => u.kind === kind);
    const person = unit && config.liaisonsOf(unit.id)[0];
    if (person) out.push({ label: `${unit.name}联络员`, person, roles: person.roles });
  }
  for (const role of ['director', 'convener', 'centerStaff', 'admin'] as const) {
    // Someone who has only this role, so the case tests exactly it.
    const person = config.peopleWithRole(role).find((p) => p.roles.length === 1) ?? config.peopleWithRole(role)[0];
    if (person) out.push({ label: person.name, person, roles: person.roles });
  }
  return out;
}
