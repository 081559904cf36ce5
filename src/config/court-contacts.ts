/**
 * Who the 案件 prompt reaches at the court (鹤岗 第四条: at 10 cases or more the 立案 side prompts
 * the 审判 and 执行 sides). Each department's contacts are the people configured with
 * `courtDepartments` (a dedicated courtContact, or the court liaison); a department nobody is
 * configured for falls back to the court's liaisons, and the reply says so.
 */
import type { Config } from './config.ts';
import type { CourtDepartment, Person } from '../domain/types.ts';

const DEPARTMENT_LABELS: Record<CourtDepartment, string> = { trial: '审判部门', enforcement: '执行部门' };

export interface CourtContacts {
  people: Person[];
  /** "审判部门（区法院审判部门联系人）、执行部门（区法院执行部门联系人）" */
  said: string;
}

export function courtContacts(config: Config, courtUnitId: string): CourtContacts {
  const people: Person[] = [];
  const parts = (['trial', 'enforcement'] as const).map((d) => {
    const named = config.people.filter((p) => p.courtDepartments?.includes(d) && (p.unitId === undefined || p.unitId === courtUnitId));
    const reached = named.length ? named : config.liaisonsOf(courtUnitId);
    people.push(...reached);
    const names = reached.map((p) => p.name).join('、') || '无人可通知';
    return named.length ? `${DEPARTMENT_LABELS[d]}（${names}）` : `${DEPARTMENT_LABELS[d]}（未配置联系人，已转${names}）`;
  });
  return { people: [...new Set(people)], said: parts.join('、') };
}
