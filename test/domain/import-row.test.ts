import { describe, expect, it } from 'vitest';
import { checkRow, type RowInput } from '../../src/domain/import-row.ts';

const row = (over: Partial<RowInput> = {}): RowInput => ({
  name: '某某机械有限公司', code: '91440300192317458F', trigger: '欠税', detail: '', region: '', industry: '', employees: '', revenue: '', assets: '', ...over,
});

describe('one row of a unit’s list', () => {
  it('needs a name, a valid code and a trigger of the unit’s kind', () => {
    const ok = checkRow(row({ name: ' 某某机械有限公司 ', code: '９１４４０３００１９２３１７４５８ｆ', detail: ' 欠税8个月 ' }), 'tax');
    expect(ok).toMatchObject({ ok: true, row: { name: '某某机械有限公司', code: '91440300192317458F', trigger: { code: 'tax_arrears' }, detail: '欠税8个月', notes: [] } });
    expect(checkRow(row({ name: '', trigger: '' }), 'tax')).toEqual({ ok: false, reason: '缺少企业名称、预警情形。' });
    expect(checkRow(row({ code: '9144030019223174' }), 'tax')).toMatchObject({ ok: false, reason: expect.stringContaining('统一社会信用代码应为18位') });
    expect(checkRow(row({ code: '91440300192317458O' }), 'tax')).toMatchObject({ ok: false, reason: expect.stringContaining('第18位“O”不合法') });
    expect(checkRow(row({ trigger: 'D类' }), 'tax')).toMatchObject({ ok: false, reason: expect.stringContaining('是市场监管部门的预警情形') });
    expect(checkRow(row({ trigger: '其他' }), 'tax')).toEqual({ ok: false, reason: '“其他情形”须在“说明”中写明具体情况。' });
  });

  it('keeps names and notes exactly as written, and normalises only codes, keys and numbers', () => {
    const r = checkRow(row({ name: ' 某某（集团）机械有限公司 ', code: '９１４４０３００１９２３１７４５８Ｆ', trigger: '欠税', detail: '拖欠工资3个月，涉及48人；欠税８个月', region: '北街街道（东片）', industry: '制造业', employees: '１２０', revenue: '5000万', assets: '8000万元' }), 'tax');
    expect(r).toMatchObject({
      ok: true,
      row: {
        name: '某某（集团）机械有限公司',
        code: '91440300192317458F',
        detail: '拖欠工资3个月，涉及48人；欠税８个月',
        profile: { region: '北街街道（东片）', figures: { employees: 120 } },
      },
    });
  });

  it('reads the profile when it can and never refuses a row for it', () => {
    const r = checkRow(row({ region: '北街街道', industry: '制造业', employees: '120人', revenue: '5000万', assets: '8000万元' }), 'tax');
    expect(r).toMatchObject({ ok: true, row: { profile: { region: '北街街道', industry: '工业', sizeClass: '小型', figures: { employees: 120, revenueWan: 5000, assetsWan: 8000 } }, notes: [] } });
    const odd = checkRow(row({ industry: '造船', employees: '约百人' }), 'tax');
    expect(odd).toMatchObject({ ok: true, row: { profile: {}, notes: ['从业人数“约百人”不是数字，未记录', '行业“造船”无法识别，未记录'] } });
    const partial = checkRow(row({ industry: '工业', employees: '500' }), 'tax');
    expect(partial).toMatchObject({ ok: true, row: { profile: { industry: '工业', figures: { employees: 500 } }, notes: ['划型指标不全，未判断规模'] } });
    const large = checkRow(row({ industry: '工业', employees: '2000', revenue: '5亿' }), 'tax');
    expect(large).toMatchObject({ ok: true, row: { profile: { sizeClass: '大型' }, notes: ['按划型标准为大型企业，不属于中小微企业识别范围，请核实'] } });
  });
});
