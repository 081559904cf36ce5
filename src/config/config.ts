import type { GroupChat, Person, PlatformFamily, Role, Unit } from '../domain/types.ts';
import type { RawConfig } from './schema.ts';

/** The validated config with secrets resolved from the environment and lookups the core needs. */
export interface Config {
  mechanism: RawConfig['mechanism'];
  units: Unit[];
  people: Person[];
  groups: GroupChat[];
  rhythms: RawConfig['rhythms'];
  tierDeciders: Role[];
  kfAccounts: string[];
  calendarOverrides: RawConfig['calendarOverrides'];
  /** Where the YAML came from (for messages). */
  source: string;

  unitById(id: string): Unit | undefined;
  /** A unit by id, full name, alias or a unique prefix/substring of its name (税务 → 区税务局). */
  findUnit(text: string): Unit | undefined;
  personById(id: string): Person | undefined;
  personByPlatformId(family: PlatformFamily, platformId: string): Person | undefined;
  /** A person by id, name (role label such as 办公室主任 or 区税务局联络员) or any platform id. */
  findPerson(text: string): Person | undefined;
  peopleWithRole(role: Role): Person[];
  liaisonsOf(unitId: string): Person[];
  groupById(id: string): GroupChat | undefined;
  groupByPlatformChat(family: PlatformFamily, chatId: string): GroupChat | undefined;
  /** The liaison group (purpose 'liaison'), if configured. */
  liaisonGroup(): GroupChat | undefined;
  centerGroup(): GroupChat | undefined;
}
