import type { ConfigProblem } from './config-error.ts';
import type { RawConfig } from './schema.ts';
import { closest, quote } from './zod-issues.ts';
import { normalizeName } from './normalize.ts';

/**
 * Checks that need the whole config (zod sees one value at a time): ids unique, references resolve,
 * platform ids not shared, the roles the mechanism cannot run without. Errors stop the load;
 * warnings are reported (check-config, start-up log) but the service still runs.
 */

export interface CrossCheckResult {
  problems: ConfigProblem[];
  warnings: string[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const FAMILY_LABELS = { wecom: '企业微信', dingtalk: '钉钉', console: '本地控制台' } as const;
type Family = keyof typeof FAMILY_LABELS;
const FAMILIES = Object.keys(FAMILY_LABELS) as Family[];

function isRealDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function listIds(ids: string[], max = 10): string {
  return ids.length <= max ? ids.join('、') : `${ids.slice(0, max).join('、')} 等 ${ids.length} 个`;
}

export function crossCheck(raw: RawConfig): CrossCheckResult {
  const problems: ConfigProblem[] = [];
  const warnings: string[] = [];
  const unitLabel = (i: number) => `units[${i}]（${raw.units[i]!.name}）`;
  const personLabel = (i: number) => `people[${i}]（${raw.people[i]!.name}）`;

  // 1. Ids are unique across units, people and groups: one id means one thing everywhere.
  const idOwners = new Map<string, string>();
  const claimId = (id: string, path: ConfigProblem['path']) => {
    const where = `${path[0]}[${path[1]}].id`;
    const first = idOwners.get(id);
    if (first) problems.push({ path, message: `${quote(id)} 与 ${first} 重复（单位、人员、群的 id 必须各不相同）` });
    else idOwners.set(id, where);
  };
  raw.units.forEach((u, i) => claimId(u.id, ['units', i, 'id']));
  raw.people.forEach((p, i) => claimId(p.id, ['people', i, 'id']));
  raw.groups.forEach((g, i) => claimId(g.id, ['groups', i, 'id']));

  // 2. Names and aliases identify one unit each (findUnit matches any of them exactly).
  const unitTokens = new Map<string, { unit: number; where: string }>();
  raw.units.forEach((u, i) => {
    const tokens: Array<[string, ConfigProblem['path'], string]> = [
      [u.name, ['units', i, 'name'], `units[${i}].name`],
      ...u.aliases.map((a, j): [string, ConfigProblem['path'], string] => [a, ['units', i, 'aliases', j], `units[${i}].aliases[${j}]`]),
    ];
    for (const [text, path, where] of tokens) {
      const key = normalizeName(text);
      const owner = unitTokens.get(key);
      if (owner && owner.unit !== i) {
        problems.push({ path, message: `${quote(text)} 已被 ${owner.where}（${raw.units[owner.unit]!.name}）使用；单位名称和别名在各单位之间不能重复` });
      } else if (!owner) {
        unitTokens.set(key, { unit: i, where });
      }
    }
  });
  // An alias equal to another unit's id would make "税务" style lookups ambiguous too.
  raw.units.forEach((u, i) => {
    u.aliases.forEach((a, j) => {
      const other = raw.units.findIndex((o, k) => k !== i && normalizeName(o.id) === normalizeName(a));
      if (other >= 0) problems.push({ path: ['units', i, 'aliases', j], message: `${quote(a)} 与 ${unitLabel(other)} 的 id 相同；别名不能用别的单位的 id` });
    });
  });

  // 3. The office sits at the court: a court unit must exist.
  if (!raw.units.some((u) => u.kind === 'court')) {
    problems.push({ path: ['units'], message: '中没有法院：至少要有一个 kind 为 court 的成员单位（办公室设在法院）' });
  }

  // 4. People: unit references, liaisons need a unit, platform ids not shared.
  const unitIds = raw.units.map((u) => u.id);
  raw.people.forEach((p, i) => {
    if (p.unit !== undefined && !unitIds.includes(p.unit)) {
      const byName = raw.units.find((u) => normalizeName(u.name) === normalizeName(p.unit!) || u.aliases.some((a) => normalizeName(a) === normalizeName(p.unit!)));
      const partial = raw.units.filter((u) => normalizeName(u.name).includes(normalizeName(p.unit!)));
      const typo = closest(p.unit, unitIds);
      const hint = byName ?? (partial.length === 1 ? partial[0] : undefined) ?? (typo ? raw.units.find((u) => u.id === typo) : undefined);
      problems.push({
        path: ['people', i, 'unit'],
        message: `${quote(p.unit)} 不是已配置的成员单位（可用：${listIds(unitIds)}）${hint ? `；这里要写单位的 id，是不是 ${hint.id}（${hint.name}）？` : ''}`,
      });
    }
    if (p.roles.includes('liaison') && p.unit === undefined) {
      problems.push({ path: ['people', i, 'unit'], message: '没有填写：联络员（liaison）必须写明代表哪个成员单位' });
    }
    if (p.roles.includes('courtContact') && p.courtDepartments.length === 0) {
      problems.push({ path: ['people', i, 'courtDepartments'], message: '没有填写：法院部门联系人（courtContact）必须写明是哪个部门的联系人（trial 审判、enforcement 执行）' });
    }
    if (Object.values(p.ids).every((v) => v === undefined)) {
      warnings.push(`${personLabel(i)}没有配置任何平台账号（ids），收不到任何消息。`);
    }
  });
  for (const family of FAMILIES) {
    const seen = new Map<string, number>();
    raw.people.forEach((p, i) => {
      const pid = p.ids[family];
      if (pid === undefined) return;
      const first = seen.get(pid);
      if (first !== undefined) {
        problems.push({ path: ['people', i, 'ids', family], message: `${quote(pid)} 与 people[${first}].ids.${family}（${raw.people[first]!.name}）重复：一个${FAMILY_LABELS[family]}账号只能对应一个人` });
      } else seen.set(pid, i);
    });
    const seenGroups = new Map<string, number>();
    raw.groups.forEach((g, i) => {
      const gid = g.ids[family];
      if (gid === undefined) return;
      const first = seenGroups.get(gid);
      if (first !== undefined) {
        problems.push({ path: ['groups', i, 'ids', family], message: `${quote(gid)} 与 groups[${first}].ids.${family}（${raw.groups[first]!.name}）重复：一个${FAMILY_LABELS[family]}群只能配置一次` });
      } else seenGroups.set(gid, i);
    });
  }

  // 5. The roles the mechanism cannot run without.
  if (!raw.people.some((p) => p.roles.includes('director'))) {
    problems.push({ path: ['people'], message: '中没有办公室主任：至少要有一个人的 roles 含 director' });
  }
  raw.units.forEach((u, i) => {
    if (!raw.people.some((p) => p.unit === u.id && p.roles.includes('liaison'))) {
      warnings.push(`${unitLabel(i)}没有联络员：季度排查、任务提醒将无人接收。`);
    }
  });
  const namesSeen = new Map<string, number>();
  raw.people.forEach((p, i) => {
    const key = normalizeName(p.name);
    const first = namesSeen.get(key);
    if (first !== undefined) warnings.push(`people[${i}] 与 people[${first}] 同名（${p.name}）：按名字切换身份时无法区分，请改用 id。`);
    else namesSeen.set(key, i);
  });

  // 6. Groups: webhook settings name environment variables, never hold the secret itself.
  raw.groups.forEach((g, i) => {
    for (const [key, name] of Object.entries(g.webhookEnv ?? {})) {
      if (name === undefined) continue;
      if (!ENV_NAME.test(name)) {
        // Never echo the value: it may well be the secret pasted in by mistake.
        problems.push({
          path: ['groups', i, 'webhookEnv', key],
          message: '应为环境变量的名字（字母、数字、下划线，如 WECOM_LIAISON_WEBHOOK_KEY），不要把密钥本身写进配置文件',
        });
      }
    }
    if (g.webhookEnv?.dingtalkSecret && !g.webhookEnv.dingtalkToken) {
      warnings.push(`groups[${i}]（${g.name}）配置了 webhookEnv.dingtalkSecret 却没有 dingtalkToken，加签密钥单独无用。`);
    }
  });
  for (const purpose of ['liaison', 'center'] as const) {
    const matching = raw.groups.filter((g) => g.purpose === purpose);
    if (matching.length > 1) {
      warnings.push(`有 ${matching.length} 个 purpose 为 ${purpose} 的群，只有第一个（${matching[0]!.name}）会收到群推送。`);
    }
  }
  if (!raw.groups.some((g) => g.purpose === 'liaison')) {
    warnings.push('没有配置联络员群（purpose: liaison）：发往联络员群的提醒（如排查催办）无处可发。');
  }

  // 7. Calendar overrides: real dates inside their year, one entry per year, no date both ways.
  const years = new Map<number, number>();
  raw.calendarOverrides.forEach((o, i) => {
    const first = years.get(o.year);
    if (first !== undefined) problems.push({ path: ['calendarOverrides', i, 'year'], message: `${o.year} 与 calendarOverrides[${first}] 重复：每年只能写一条` });
    else years.set(o.year, i);
    const holidays = new Set<string>();
    for (const listKey of ['holidays', 'workdays'] as const) {
      o[listKey].forEach((d, j) => {
        const path = ['calendarOverrides', i, listKey, j];
        if (!isRealDate(d)) problems.push({ path, message: `${quote(d)} 不是有效日期，应写成 ${o.year}-01-01 这样的形式` });
        else if (!d.startsWith(`${o.year}-`)) problems.push({ path, message: `${quote(d)} 不在 ${o.year} 年内` });
        else if (listKey === 'holidays') holidays.add(d);
        else if (holidays.has(d)) problems.push({ path, message: `${quote(d)} 同时写在了 holidays 和 workdays 里` });
      });
    }
  });

  return { problems, warnings };
}
