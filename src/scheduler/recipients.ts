/** Who the scheduler's notices go to, from the config. */
import type { Config } from '../config/config.ts';
import type { Person, UnitKind } from '../domain/types.ts';
import { dedupe } from '../core/tell.ts';
import type { NoticeTarget } from './job.ts';

export function directors(config: Config): Person[] {
  return config.peopleWithRole('director');
}

export function conveners(config: Config): Person[] {
  return config.peopleWithRole('convener');
}

export function liaisonsOf(config: Config, unitIds: readonly string[]): Person[] {
  return dedupe(unitIds.flatMap((u) => config.liaisonsOf(u)));
}

export function allLiaisons(config: Config): Person[] {
  return liaisonsOf(config, config.units.map((u) => u.id));
}

export function unitsOfKind(config: Config, kind: UnitKind): string[] {
  return config.units.filter((u) => u.kind === kind).map((u) => u.id);
}

/** The liaison group as a target, when one is configured. */
export function liaisonGroup(config: Config): NoticeTarget | undefined {
  const g = config.liaisonGroup();
  return g ? { groupId: g.id } : undefined;
}
