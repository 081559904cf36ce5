import type { CommandDef } from './command.ts';
import type { Person, Role } from '../domain/types.ts';

export const ROLE_LABELS: Record<Role, string> = {
  liaison: '成员单位联络员',
  director: '办公室主任',
  convener: '召集人',
  centerStaff: '纾困中心工作人员',
  admin: '系统管理员',
  courtContact: '法院审判、执行部门联系人',
};

/** Checked on every command, typed or clicked. */
export function mayRun(def: CommandDef, person: Person): boolean {
  return def.audience.includes('everyone') || person.roles.some((r) => def.audience.includes(r));
}

export function deniedMessage(def: CommandDef): string {
  const who = def.audience.filter((a): a is Role => a !== 'everyone').map((r) => ROLE_LABELS[r]);
  return `「${def.name}」只有${who.join('、')}可以使用。发“帮助”看看您能用的命令。`;
}
