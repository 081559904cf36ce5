import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfigPath, loadConfig } from '../../src/config/load.ts';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const DEMO = join(REPO, 'config', 'demo.yaml');
const SEED_002 = resolve(REPO, '..', 'shared', 'seeds', '002_07bd151d428dc94f.txt');

const JINCHENG_UNITS = [
  '区法院', '区检察院', '区发改局', '区工信局', '区公安分局', '区财政局', '区税务局', '区人社局',
  '区生态环境分局', '区应急管理局', '区自然资源局', '区行政审批局', '区投促中心', '区信访局',
];

describe('the demo config', () => {
  const config = loadConfig(undefined, {});

  it('is the default and is named relative to the repository', () => {
    expect(defaultConfigPath()).toBe(DEMO);
    expect(config.source).toBe('config/demo.yaml');
    expect(config.mechanism).toEqual({
      name: '城区企业破产处置府院联动机制',
      office: '城区企业破产处置府院联动机制办公室',
      region: '城区',
      docCode: '府院联办',
    });
  });

  it('has the 14 units of 晋城城区 plus 市场监管, 人民银行 and 金融监管, each with exactly one liaison', () => {
    expect(config.units).toHaveLength(17);
    expect(config.units.map((u) => u.name)).toEqual(expect.arrayContaining(JINCHENG_UNITS));
    expect(config.units.map((u) => u.kind)).toEqual(expect.arrayContaining(['court', 'market', 'pboc', 'nfra', 'tax', 'hrss']));
    for (const unit of config.units) {
      const liaisons = config.liaisonsOf(unit.id);
      expect(liaisons, unit.name).toHaveLength(1);
      expect(liaisons[0]!.name).toBe(`${unit.name}联络员`);
      expect(unit.aliases.length, unit.name).toBeGreaterThan(0);
    }
  });

  it('has the office roles, every person reachable on every platform', () => {
    const director = config.peopleWithRole('director');
    expect(director.map((p) => [p.name, p.unitId])).toEqual([['办公室主任', 'court']]);
    expect(config.peopleWithRole('convener').map((p) => p.name).sort()).toEqual(['召集人', '总召集人'].sort());
    const staff = config.peopleWithRole('centerStaff');
    expect(staff).toHaveLength(2);
    expect(staff.every((p) => p.unitId === 'court')).toBe(true);
    expect(config.peopleWithRole('admin').map((p) => p.name)).toEqual(['系统管理员']);
    expect(config.people).toHaveLength(17 + 6 + 2); // + the court's 审判 and 执行 contacts
    for (const p of config.people) {
      expect(p.ids.console && p.ids.wecom && p.ids.dingtalk, p.name).toBeTruthy();
    }
    expect(config.personById('tax-liaison')?.ids).toEqual({ console: 'tax-liaison', wecom: 'demo_tax', dingtalk: 'demo-dt-tax' });
    expect(config.tierDeciders).toEqual(['director']);
    expect(config.calendarOverrides).toEqual([]);
    expect(config.rhythms.jointMeeting).toBe('halfYearly');
  });

  it('has the liaison and center groups; webhooks come from the environment only', () => {
    expect(config.liaisonGroup()?.name).toBe('府院联动联络员群');
    expect(config.liaisonGroup()?.ids.console).toBe('liaison-group');
    expect(config.centerGroup()?.name).toBe('纾困中心工作群');
    expect(config.centerGroup()?.ids.console).toBe('center-group');
    expect(config.liaisonGroup()?.webhook).toBeUndefined();
    expect(config.warnings.join('\n')).toContain('WECOM_LIAISON_WEBHOOK_KEY');

    const withHooks = loadConfig(undefined, {
      WECOM_LIAISON_WEBHOOK_KEY: 'k-123',
      DINGTALK_LIAISON_ROBOT_TOKEN: 't-456',
      DINGTALK_LIAISON_ROBOT_SECRET: 's-789',
    });
    expect(withHooks.liaisonGroup()?.webhook).toEqual({ wecomKey: 'k-123', dingtalkToken: 't-456', dingtalkSecret: 's-789' });
    expect(withHooks.warnings.join('\n')).not.toContain('WECOM_LIAISON_WEBHOOK_KEY');
    expect(withHooks.groupByPlatformChat('wecom', 'demo_liaison_chat')?.id).toBe('liaison-group');
    expect(withHooks.groupByPlatformChat('dingtalk', 'cid-demo-center')?.id).toBe('center-group');
  });

  it('keeps secrets and real names out of the committed file', () => {
    const text = readFileSync(DEMO, 'utf8');
    // No credential keys at all: webhook settings only name environment variables (the loader checks that).
    expect(text).not.toMatch(/^\s*-?\s*(secret|token|aesKey|corpSecret|appSecret|key)\s*:/im);
    if (!existsSync(SEED_002)) return;
    // The 002 member table: unit, leader, post, liaison — the people columns must never reach the demo.
    const seed = readFileSync(SEED_002, 'utf8');
    const names = seed
      .split('\n')
      .map((l) => l.split('\t'))
      .filter((cols) => cols.length === 4 && JINCHENG_UNITS.includes(cols[0]!.trim()))
      .flatMap((cols) => [cols[1]!.trim(), cols[3]!.trim()]);
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const name of names) expect(text, 'a real name from 002').not.toContain(name);
  });
});

describe('lookups', () => {
  const config = loadConfig(undefined, {});

  it('findUnit: id, name, alias, then a unique part of the name', () => {
    for (const text of ['tax', '区税务局', '税务局', '税务', ' 税务 ']) expect(config.findUnit(text)?.id, text).toBe('tax');
    expect(config.findUnit('法院')?.id).toBe('court');
    expect(config.findUnit('市场监管')?.id).toBe('market');
    expect(config.findUnit('人民银行')?.id).toBe('pboc');
    expect(config.findUnit('金融监管')?.id).toBe('nfra');
    expect(config.findUnit('人社')?.id).toBe('hrss');
    expect(config.findUnit('生态')?.id).toBe('ecology');
    expect(config.findUnit('ＴＡＸ')?.id).toBe('tax');
    // Ambiguous or unknown → nothing.
    expect(config.findUnit('区')).toBeUndefined();
    expect(config.findUnit('局')).toBeUndefined();
    expect(config.findUnit('烟草局')).toBeUndefined();
    expect(config.findUnit('')).toBeUndefined();
    expect(config.unitById('税务')).toBeUndefined();
  });

  it('findPerson: id, name, role label, any platform id', () => {
    const tax = config.personById('tax-liaison');
    for (const text of ['tax-liaison', '区税务局联络员', '@区税务局联络员', '税务局联络员', '税务联络员', 'demo_tax', 'demo-dt-tax']) {
      expect(config.findPerson(text), text).toBe(tax);
    }
    expect(config.findPerson('办公室主任')?.id).toBe('director');
    expect(config.findPerson('召集人')?.id).toBe('convener');
    expect(config.findPerson('总召集人')?.id).toBe('chief-convener');
    expect(config.findPerson('纾困中心工作人员乙')?.id).toBe('center-staff-2');
    // Two people match: no guess.
    expect(config.findPerson('纾困中心工作人员')).toBeUndefined();
    expect(config.findPerson('联络员')).toBeUndefined();
    expect(config.findPerson('nobody')).toBeUndefined();
  });

  it('personByPlatformId is per platform, with a case-insensitive fallback', () => {
    expect(config.personByPlatformId('wecom', 'demo_tax')?.id).toBe('tax-liaison');
    expect(config.personByPlatformId('wecom', 'DEMO_TAX')?.id).toBe('tax-liaison');
    expect(config.personByPlatformId('dingtalk', 'demo-dt-director')?.id).toBe('director');
    expect(config.personByPlatformId('dingtalk', 'demo_tax')).toBeUndefined();
    expect(config.personByPlatformId('console', 'admin')?.id).toBe('admin');
  });

  it('is frozen', () => {
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.units[0])).toBe(true);
    expect(() => config.peopleWithRole('director').push(config.people[0]!)).toThrow();
  });
});

describe('which file is loaded', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function writeVariant(name: string): string {
    dir ??= mkdtempSync(join(tmpdir(), 'fuyuan-config-'));
    const path = join(dir, name);
    writeFileSync(path, readFileSync(DEMO, 'utf8').replace('region: 城区', `region: ${name}`), 'utf8');
    return path;
  }

  it('argument, else FUYUAN_CONFIG, else the demo', () => {
    const a = writeVariant('a.yaml');
    const b = writeVariant('b.yaml');
    expect(loadConfig(a, { FUYUAN_CONFIG: b }).mechanism.region).toBe('a.yaml');
    expect(loadConfig(undefined, { FUYUAN_CONFIG: b }).mechanism.region).toBe('b.yaml');
    expect(loadConfig(undefined, { FUYUAN_CONFIG: b }).source).toBe(b);
    expect(loadConfig(undefined, { FUYUAN_CONFIG: '' }).source).toBe('config/demo.yaml');
  });

  it('finds the demo from any working directory', () => {
    const before = process.cwd();
    dir = mkdtempSync(join(tmpdir(), 'fuyuan-cwd-'));
    try {
      process.chdir(dir);
      expect(loadConfig(undefined, {}).units).toHaveLength(17);
    } finally {
      process.chdir(before);
    }
  });
});
