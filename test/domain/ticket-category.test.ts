import { describe, expect, it } from 'vitest';
import { TICKET_CATEGORIES, parseTicketCategory, suggestCategory } from '../../src/domain/ticket-category.ts';

describe('suggestCategory', () => {
  it.each([
    ['法院把我们公司的基本户冻结了，下周要发工资', '账户冻结'],
    ['厂里的机器设备被查封了，贴了封条，生产线停了', '设备查封'],
    ['三个工人申请劳动仲裁，说我们拖欠工资', '欠薪纠纷'],
    ['案子已经和解了，但征信还有不良记录，银行不给贷款', '信用修复'],
    ['订单很多但资金周转困难，想申请续贷', '融资'],
    ['你好', '其他'],
    ['请问纾困中心在哪里办公', '其他'],
  ])('%s → %s', (text, category) => {
    expect(suggestCategory(text).category).toBe(category);
  });

  it('names the words that decided it, counting a keyword inside a longer one once', () => {
    expect(suggestCategory('拖欠工资两个月了').matched).toEqual(['拖欠工资']);
    expect(suggestCategory('账户被冻结').matched.sort()).toEqual(['冻结', '被冻', '账户'].sort());
    expect(suggestCategory('你好').matched).toEqual([]);
  });

  it('reads full-width and spaced text', () => {
    expect(suggestCategory('设备　被 查封').category).toBe('设备查封');
  });

  it('breaks a tie in the order of the categories (the account before the wages it blocks)', () => {
    expect(suggestCategory('冻结以后工资发不出').category).toBe('账户冻结');
  });
});

describe('parseTicketCategory', () => {
  it('takes every category and the short words staff type', () => {
    for (const c of TICKET_CATEGORIES) expect(parseTicketCategory(c)).toEqual({ ok: true, category: c });
    expect(parseTicketCategory('冻结')).toEqual({ ok: true, category: '账户冻结' });
    expect(parseTicketCategory('查封')).toEqual({ ok: true, category: '设备查封' });
    expect(parseTicketCategory('欠薪')).toEqual({ ok: true, category: '欠薪纠纷' });
    expect(parseTicketCategory('贷款')).toEqual({ ok: true, category: '融资' });
  });

  it('says which categories exist', () => {
    expect(parseTicketCategory('环保')).toEqual({ ok: false, reason: '没有“环保”这个诉求类别，可选：账户冻结、设备查封、欠薪纠纷、信用修复、融资、其他。' });
  });
});
