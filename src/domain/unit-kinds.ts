/**
 * Generic Chinese names of the member-unit kinds, for messages that talk about a kind rather
 * than a configured unit ("法院可用的预警情形有…"). A configured `Unit.name` (区税务局) always wins
 * when a real unit is meant.
 */
import type { UnitKind } from './types.ts';

export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = {
  court: '法院',
  procuratorate: '检察院',
  drc: '发展改革部门',
  miit: '工业和信息化部门',
  police: '公安机关',
  finance: '财政部门',
  tax: '税务部门',
  hrss: '人力资源社会保障部门',
  market: '市场监管部门',
  pboc: '人民银行',
  nfra: '金融监管部门',
  nature: '自然资源部门',
  housing: '住房城乡建设部门',
  approval: '行政审批部门',
  ecology: '生态环境部门',
  emergency: '应急管理部门',
  investment: '投资促进部门',
  petition: '信访部门',
  medical: '医疗保障部门',
  commerce: '商务部门',
  bank: '商业银行',
  other: '其他单位',
};

export function unitKindLabel(kind: UnitKind): string {
  return UNIT_KIND_LABELS[kind];
}
