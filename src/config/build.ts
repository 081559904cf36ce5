import type { GroupChat, Person, PlatformFamily, Role, Unit } from '../domain/types.ts';
import type { Config } from './config.ts';
import type { RawConfig } from './schema.ts';
import { normalizeName } from './normalize.ts';

/**
 * Builds the `Config` object from validated, cross-checked raw config: plain data plus lookups.
 * Every map is built once here; lookups are O(1) except the substring fallbacks of findUnit /
 * findPerson, which scan the (small) lists. The result is frozen: config never changes at run time.
 */

/** A loaded config also carries the warnings found while loading it (shown by check-config and at start). */
export interface LoadedConfig extends Config {
  readonly warnings: readonly string[];
}

const FAMILIES: readonly PlatformFamily[] = ['console', 'wecom', 'dingtalk'];
const LIAISON_SUFFIX = '联络员';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Adds `item` under `key`; a key shared by several items maps to all of them (ambiguous). */
function addMulti<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [item]);
  else if (!list.includes(item)) list.push(item);
}

function unique<V>(list: V[] | undefined): V | undefined {
  return list && list.length === 1 ? list[0] : undefined;
}

export interface BuildInput {
  raw: RawConfig;
  source: string;
  /** Resolved webhook secrets per group id. */
  webhooks: ReadonlyMap<string, GroupChat['webhook']>;
  warnings: readonly string[];
}

export function buildConfig({ raw, source, webhooks, warnings }: BuildInput): LoadedConfig {
  const units: Unit[] = raw.units.map((u) => ({
    id: u.id,
    name: u.name,
    aliases: [...new Set(u.aliases)],
    kind: u.kind,
  }));
  const people: Person[] = raw.people.map((p) => {
    const person: Person = { id: p.id, name: p.name, roles: [...new Set(p.roles)], ids: { ...p.ids } };
    if (p.unit !== undefined) person.unitId = p.unit;
    if (p.courtDepartments.length) person.courtDepartments = [...new Set(p.courtDepartments)];
    return person;
  });
  const groups: GroupChat[] = raw.groups.map((g) => {
    const group: GroupChat = { id: g.id, name: g.name, purpose: g.purpose, ids: { ...g.ids } };
    const webhook = webhooks.get(g.id);
    if (webhook) group.webhook = { ...webhook };
    return group;
  });

  // Units: exact id / name / alias (normalized), then unique substring of name or alias.
  const unitsById = new Map(units.map((u) => [u.id, u]));
  const unitsByToken = new Map<string, Unit[]>();
  for (const u of units) {
    for (const token of [u.id, u.name, ...u.aliases]) addMulti(unitsByToken, normalizeName(token), u);
  }

  // People: id, name, platform ids (exact per family, and case-folded as a fallback).
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const peopleByIdFolded = new Map<string, Person[]>();
  const peopleByName = new Map<string, Person[]>();
  const peopleByAnyPlatformId = new Map<string, Person[]>();
  const peopleByPlatform = new Map<PlatformFamily, Map<string, Person>>(FAMILIES.map((f) => [f, new Map()]));
  const peopleByPlatformFolded = new Map<PlatformFamily, Map<string, Person[]>>(FAMILIES.map((f) => [f, new Map()]));
  for (const p of people) {
    addMulti(peopleByIdFolded, normalizeName(p.id), p);
    addMulti(peopleByName, normalizeName(p.name), p);
    for (const f of FAMILIES) {
      const pid = p.ids[f];
      if (pid === undefined) continue;
      peopleByPlatform.get(f)!.set(pid, p);
      addMulti(peopleByPlatformFolded.get(f)!, normalizeName(pid), p);
      addMulti(peopleByAnyPlatformId, normalizeName(pid), p);
    }
  }
  const roleLists = new Map<Role, Person[]>();
  const liaisonLists = new Map<string, Person[]>(units.map((u) => [u.id, []]));
  for (const p of people) {
    for (const r of p.roles) addMulti(roleLists, r, p);
    if (p.unitId !== undefined && p.roles.includes('liaison')) addMulti(liaisonLists, p.unitId, p);
  }

  const groupsById = new Map(groups.map((g) => [g.id, g]));
  const groupsByPlatform = new Map<PlatformFamily, Map<string, GroupChat>>(FAMILIES.map((f) => [f, new Map()]));
  for (const g of groups) {
    for (const f of FAMILIES) {
      const gid = g.ids[f];
      if (gid !== undefined) groupsByPlatform.get(f)!.set(gid, g);
    }
  }
  for (const list of [...roleLists.values(), ...liaisonLists.values()]) Object.freeze(list);
  const liaisonGroup = groups.find((g) => g.purpose === 'liaison');
  const centerGroup = groups.find((g) => g.purpose === 'center');

  const EMPTY: readonly Person[] = Object.freeze([]);

  function findUnit(text: string): Unit | undefined {
    const key = normalizeName(text);
    if (!key) return undefined;
    const exact = unitsByToken.get(key);
    if (exact) return unique(exact);
    const partial = units.filter(
      (u) => normalizeName(u.name).includes(key) || u.aliases.some((a) => normalizeName(a).includes(key)),
    );
    return partial.length === 1 ? partial[0] : undefined;
  }

  function findPerson(text: string): Person | undefined {
    const key = normalizeName(text);
    if (!key) return undefined;
    const plain = text.trim().replace(/^@+/, '');
    const byId = peopleById.get(plain) ?? unique(peopleByIdFolded.get(key));
    if (byId) return byId;
    const byName = peopleByName.get(key);
    if (byName) return unique(byName);
    const byPlatform = peopleByAnyPlatformId.get(key);
    if (byPlatform) return unique(byPlatform);
    // A role label naming the unit loosely: 税务局联络员, 税务联络员 → the liaison of 区税务局.
    if (key.endsWith(LIAISON_SUFFIX) && key.length > LIAISON_SUFFIX.length) {
      const unit = findUnit(key.slice(0, -LIAISON_SUFFIX.length));
      const liaison = unit ? unique(liaisonLists.get(unit.id)) : undefined;
      if (liaison) return liaison;
    }
    const partial = people.filter((p) => normalizeName(p.name).includes(key));
    return partial.length === 1 ? partial[0] : undefined;
  }

  const config: LoadedConfig = {
    mechanism: { ...raw.mechanism },
    units,
    people,
    groups,
    rhythms: { ...raw.rhythms },
    tierDeciders: [...new Set(raw.tierDeciders)],
    kfAccounts: [...new Set(raw.kfAccounts)],
    calendarOverrides: raw.calendarOverrides.map((o) => ({ year: o.year, holidays: [...o.holidays], workdays: [...o.workdays] })),
    source,
    warnings: [...warnings],

    unitById: (id) => unitsById.get(id),
    findUnit,
    personById: (id) => peopleById.get(id),
    personByPlatformId(family, platformId) {
      return peopleByPlatform.get(family)?.get(platformId) ?? unique(peopleByPlatformFolded.get(family)?.get(normalizeName(platformId)));
    },
    findPerson,
    peopleWithRole: (role) => (roleLists.get(role) ?? EMPTY) as Person[],
    liaisonsOf: (unitId) => (liaisonLists.get(unitId) ?? EMPTY) as Person[],
    groupById: (id) => groupsById.get(id),
    groupByPlatformChat: (family, chatId) => groupsByPlatform.get(family)?.get(chatId),
    liaisonGroup: () => liaisonGroup,
    centerGroup: () => centerGroup,
  };
  return deepFreeze(config);
}
