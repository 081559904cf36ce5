import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadConfigText, parseConfig } from '../../src/config/load.ts';
import { MINIMAL, loadError, tempDir } from './helpers.ts';

/** MINIMAL with `find` replaced by `replace` (the replacement must happen). */
function variant(find: string, replace: string): string {
  expect(MINIMAL).toContain(find);
  return MINIMAL.replace(find, replace);
}

describe('the minimal config used below', () => {
  it('loads', () => {
    const config = loadConfigText(MINIMAL, 'minimal.yaml', {});
    expect(config.units).toHaveLength(2);
    expect(config.warnings).toEqual(['没有配置联络员群（purpose: liaison）：发往联络员群的提醒（如排查催办）无处可发。']);
  });

  it('can also be built from an object (for other tests)', () => {
    const config = parseConfig({
      mechanism: { name: 'm', office: 'o', region: 'r' },
      units: [{ id: 'court', name: '区法院', kind: 'court' }],
      people: [{ id: 'd', name: '办公室主任', roles: ['director'], ids: { console: 'd' } }],
    }, 'test', {});
    expect(config.findPerson('d')?.name).toBe('办公室主任');
    expect(config.rhythms.dailyDigestAt).toBe('08:30');
    expect(config.warnings.join('\n')).toContain('没有联络员');
  });
});

describe('schema problems name the key, in Chinese', () => {
  it('an unknown unit kind lists the valid ones', () => {
    const e = loadError(variant('kind: tax', 'kind: bank2'));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/^配置文件 .*bad\.yaml 有误：units\[1\]\.kind 的值 “bank2” 无效，应为 court、procuratorate、.* 之一/);
    expect(e.message).toContain('（第 5 行）');
  });

  it('a missing required key', () => {
    const e = loadError(variant(', region: 测试区', ''));
    expect(e.problems).toEqual(['mechanism.region 是必填项，但没有填写（第 2 行）']);
  });

  it('an unknown key suggests the right one', () => {
    const e = loadError(variant('aliases: [税务局]', 'alias: [税务局]'));
    expect(e.message).toContain('units[1] 有不认识的键 “alias”（是不是 aliases？）');
  });

  it('an invalid role, a bad id and a bad time, all at once, one line each', () => {
    const yaml = variant('roles: [director]', 'roles: [boss]').replace('id: tax-liaison', 'id: 税务 联络员') + 'rhythms: { dailyDigestAt: "8:30" }\n';
    const e = loadError(yaml);
    expect(e.problems).toHaveLength(3);
    expect(e.message).toContain('配置文件');
    expect(e.message).toContain('（共 3 处）');
    expect(e.problems[0]).toContain('people[0].roles[0] 的值 “boss” 无效，应为 liaison、director、convener、centerStaff、admin、courtContact 之一');
    expect(e.problems[1]).toContain('people[1].id 的值 “税务 联络员” 不合格：只能用字母');
    expect(e.problems[2]).toContain('rhythms.dailyDigestAt 的值 “8:30” 不合格：时间要写成 09:00 这样的形式');
    expect(e.message.split('\n')).toHaveLength(4);
  });

  it('a wrong type, with a hint for the full-width colon', () => {
    const e = loadError(MINIMAL + 'tierDeciders：director\n');
    // YAML reads "tierDeciders：director" as a key without a value: a syntax error on that line.
    expect(e.message).toMatch(/不是合格的 YAML：第 10 行第 1 列：.*这里用了中文冒号“：”/);

    const e2 = loadError(variant('units:', 'units: 区法院\nunits_old:'));
    expect(e2.message).toContain('units 应为列表');
  });

  it('an empty list', () => {
    const e = loadError(variant('roles: [liaison], unit: tax', 'roles: [], unit: tax'));
    expect(e.message).toContain('people[1].roles 至少要有 1 项');
  });

  it('lists at most ten problems and counts the rest', () => {
    const people = Array.from({ length: 14 }, (_, i) => `  - { id: p${i}, name: 人${i}, roles: [nobody] }`).join('\n');
    const e = loadError(variant('people:', `people:\n${people}`));
    expect(e.problems.length).toBe(14);
    expect(e.message).toContain('另有 4 处问题未列出');
    expect(e.message.split('\n')).toHaveLength(12);
  });
});

describe('cross-checks name the key, in Chinese', () => {
  it('a person whose unit is not configured', () => {
    const e = loadError(variant('unit: tax', 'unit: 税务'));
    expect(e.message).toContain('people[1].unit “税务” 不是已配置的成员单位（可用：court、tax）');
    expect(e.message).toContain('是不是 tax（区税务局）？');
    expect(e.message).toContain('（第 8 行）');
  });

  it('a liaison without a unit', () => {
    const e = loadError(variant('roles: [liaison], unit: tax,', 'roles: [liaison],'));
    expect(e.message).toContain('people[1].unit 没有填写：联络员（liaison）必须写明代表哪个成员单位');
  });

  it('no director', () => {
    const e = loadError(variant('roles: [director]', 'roles: [admin]'));
    expect(e.message).toContain('people 中没有办公室主任');
  });

  it('no court', () => {
    const e = loadError(variant('kind: court', 'kind: other'));
    expect(e.message).toContain('units 中没有法院');
    expect(e.message).toContain('court');
  });

  it('ids shared between a unit and a person, or two people', () => {
    const e = loadError(variant('id: tax-liaison', 'id: tax'));
    expect(e.message).toContain('people[1].id “tax” 与 units[1].id 重复');
    const e2 = loadError(variant('id: court-liaison', 'id: director'));
    expect(e2.message).toContain('people[2].id “director” 与 people[0].id 重复');
  });

  it('two people with the same platform id', () => {
    const e = loadError(variant('wecom: u_court', 'wecom: u_tax'));
    expect(e.message).toContain('people[2].ids.wecom “u_tax” 与 people[1].ids.wecom（区税务局联络员）重复');
  });

  it('an alias used by two units', () => {
    const e = loadError(variant('aliases: [税务局]', 'aliases: [税务局, 法院]'));
    expect(e.message).toContain('units[1].aliases[1] “法院” 已被 units[0].aliases[0]（区法院）使用');
  });

  it('a webhook secret pasted where the variable name belongs is rejected without echoing it', () => {
    const secret = 'a3f9c1e2-7b6d-4c5a-9e8f-0123456789ab';
    const e = loadError(`${MINIMAL}groups:\n  - { id: g, name: 群, purpose: liaison, webhookEnv: { wecomKey: "${secret}" } }\n`);
    expect(e.message).toContain('groups[0].webhookEnv.wecomKey 应为环境变量的名字');
    expect(e.message).not.toContain(secret);
  });

  it('a webhook variable that is not set is a warning, not an error', () => {
    const yaml = `${MINIMAL}groups:\n  - { id: g, name: 联络员群, purpose: liaison, webhookEnv: { wecomKey: MY_HOOK } }\n`;
    const off = loadConfigText(yaml, 'x.yaml', {});
    expect(off.groupById('g')?.webhook).toBeUndefined();
    expect(off.warnings.join('\n')).toContain('MY_HOOK');
    const on = loadConfigText(yaml, 'x.yaml', { MY_HOOK: 'hook-value' });
    expect(on.groupById('g')?.webhook).toEqual({ wecomKey: 'hook-value' });
    expect(on.warnings).toEqual([]);
    expect(off.warnings.join('\n')).not.toContain('hook-value');
  });

  it('calendar overrides with bad dates', () => {
    const e = loadError(`${MINIMAL}calendarOverrides:\n  - { year: 2027, holidays: [2027-02-30, 2026-10-01, 2027-10-01], workdays: [2027-10-01] }\n`);
    expect(e.message).toContain('calendarOverrides[0].holidays[0] “2027-02-30” 不是有效日期');
    expect(e.message).toContain('calendarOverrides[0].holidays[1] “2026-10-01” 不在 2027 年内');
    expect(e.message).toContain('calendarOverrides[0].workdays[0] “2027-10-01” 同时写在了 holidays 和 workdays 里');
    const ok = loadConfigText(`${MINIMAL}calendarOverrides:\n  - { year: 2027, holidays: ["2027-01-01"], workdays: ["2027-02-20"] }\n`, 'x', {});
    expect(ok.calendarOverrides).toEqual([{ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-20'] }]);
  });
});

describe('YAML syntax and files', () => {
  it('a syntax error names the line', () => {
    const yaml = 'mechanism:\n  name: 机制\n  office: 办公室\n region: 区\nunits: []\n';
    const e = loadError(yaml);
    expect(e.message).toMatch(/不是合格的 YAML：第 4 行第 \d+ 列/);
  });

  it('an unclosed bracket and a tab', () => {
    expect(loadError('units: [a, b\npeople: []\n').message).toMatch(/第 \d+ 行第 \d+ 列：方括号 \[ \] 或花括号 \{ \} 没有配对/);
    expect(loadError('mechanism:\n\tname: x\n').message).toContain('第 2 行第 1 列：不能用 Tab 缩进');
  });

  it('a duplicate key', () => {
    const e = loadError(`${MINIMAL}units: []\n`);
    expect(e.message).toContain('同一层里有重复的键');
    expect(e.message).toMatch(/第 \d+ 行/);
  });

  it('an empty file', () => {
    expect(loadError('# nothing yet\n').message).toContain('文件是空的');
  });

  it('a missing file says where the path came from', () => {
    const t = tempDir();
    try {
      const missing = `${t.dir}/nope.yaml`;
      expect(() => loadConfig(undefined, { FUYUAN_CONFIG: missing })).toThrow(ConfigError);
      expect(() => loadConfig(undefined, { FUYUAN_CONFIG: missing })).toThrow(/无法读取：找不到这个文件（路径来自环境变量 FUYUAN_CONFIG）/);
      expect(() => loadConfig(t.dir, {})).toThrow(/这是一个目录/);
    } finally {
      t.cleanup();
    }
  });
});
