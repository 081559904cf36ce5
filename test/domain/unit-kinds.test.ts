import { describe, expect, it } from 'vitest';
import { UNIT_KINDS } from '../../src/domain/types.ts';
import { UNIT_KIND_LABELS, unitKindLabel } from '../../src/domain/unit-kinds.ts';

describe('unit kind labels', () => {
  it('gives every unit kind a distinct Chinese label', () => {
    const labels = UNIT_KINDS.map(unitKindLabel);
    expect(labels.every((l) => /^[\u4e00-\u9fff]+$/.test(l))).toBe(true);
    expect(new Set(labels).size).toBe(UNIT_KINDS.length);
    expect(Object.keys(UNIT_KIND_LABELS).sort()).toEqual([...UNIT_KINDS].sort());
  });
  it('names the kinds the triggers speak of', () => {
    expect(unitKindLabel('court')).toBe('法院');
    expect(unitKindLabel('tax')).toBe('税务部门');
    expect(unitKindLabel('pboc')).toBe('人民银行');
  });
});
