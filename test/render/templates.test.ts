import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safe } from '../../src/render/escape.ts';
import { render } from '../../src/render/templates.ts';

const NAMES = readdirSync(new URL('../../templates/', import.meta.url))
  .filter((f) => f.endsWith('.eta'))
  .map((f) => f.replace(/\.eta$/, ''));

describe('templates', () => {
  it.each(NAMES)('%s compiles and renders even with no data', (name) => {
    expect(typeof render(name, {})).toBe('string');
  });

  it('escapes every value for chat markdown, but not sections we rendered', () => {
    const text = render('enterprise-file', {
      id: 'E1',
      name: '<@all>某[公司]',
      otherNames: [],
      signals: [],
      history: [],
      extra: safe('**会议**：无'),
    });
    expect(text).toContain('**E1 ＜@all＞某［公司］**');
    expect(text).toContain('**会议**：无');
    expect(text).not.toContain('<@all>');
  });

  it('treats an empty list as nothing to show and drops the lines of absent parts', () => {
    const text = render('enterprise-file', { id: 'E1', name: '某公司', uscc: '', otherNames: [], status: '在册', signalCount: 0, signals: [], history: [] });
    expect(text).toBe('**E1 某公司**\n信用代码：未填写\n状态：在册\n预警信号（0）：\n· 无（观察名单）');
  });

  it('lists what there is, one line each', () => {
    const text = render('enterprise-file', {
      id: 'E2',
      name: '某公司',
      uscc: '91140502000000012Q',
      otherNames: ['某厂', '某集团'],
      status: '在册',
      signalCount: 1,
      signals: [{ unit: '区税务局', trigger: '欠税', detail: '3个月', date: '2026年11月2日' }],
      history: [{ date: '2026年11月2日', text: '区税务局列入' }],
    });
    expect(text).toBe(
      [
        '**E2 某公司**',
        '信用代码：91140502000000012Q',
        '其他名称：某厂、某集团',
        '状态：在册',
        '预警信号（1）：',
        '· 区税务局：欠税（3个月） 2026年11月2日',
        '记录（最近1条）：',
        '· 2026年11月2日 区税务局列入',
      ].join('\n'),
    );
  });
});
