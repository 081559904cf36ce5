/**
 * The twelve coordination matters (协调事项) of 沂源《关于建立企业破产处置协调联动机制的意见》附件2,
 * with the units each one involves. A meeting request or a task can name its matter, so the bot
 * can suggest which units to invite.
 *
 * `partners` keeps the document's own unit names (a county's); `unitKinds` is what the bot uses,
 * because every deployment configures its own units by kind.
 */
import type { UnitKind } from './types.ts';
import { compact, parseSmallInt } from './text.ts';

export interface Matter {
  /** 1–12, the order of 附件2. */
  n: number;
  /** Short title used in chat and rosters. */
  title: string;
  /** The document's own heading sentence. */
  heading: string;
  /** The full text of the item. */
  text: string;
  /** 联动部门 as the document names them. */
  partners: readonly string[];
  /** Words people type for it; a longer match counts more. */
  keywords: readonly string[];
  unitKinds: readonly UnitKind[];
}

/**
 * Document unit name → unit kind, first match wins.
 * 金融发展促进中心 → `drc`: in 沂源 the centre is the county's local financial office, headed by a
 * member of the 发展改革局 party group, and the joint-meeting office sits in the 发展改革局; `finance`
 * means 财政局 in this code base (matter 11, 破产经费), so mapping the centre there would mix up
 * money for bankruptcy costs with financial coordination.
 * 民政局 and 司法局 have no kind of their own → `other`.
 */
const PARTNER_KINDS: readonly [string, UnitKind][] = [
  ['法院', 'court'],
  ['检察院', 'procuratorate'],
  ['公安', 'police'],
  ['市场监管', 'market'],
  ['税务', 'tax'],
  ['人力资源社会保障', 'hrss'],
  ['人社', 'hrss'],
  ['医疗保障', 'medical'],
  ['医保', 'medical'],
  ['财政', 'finance'],
  ['自然资源', 'nature'],
  ['住房城乡建设', 'housing'],
  ['住建', 'housing'],
  ['商务', 'commerce'],
  ['金融发展促进中心', 'drc'],
  ['发展改革', 'drc'],
  ['发改', 'drc'],
  ['人民银行', 'pboc'],
  ['行政审批', 'approval'],
  ['信访', 'petition'],
  ['民政', 'other'],
  ['司法局', 'other'],
];

/** The unit kind of a unit named in the document; undefined if the name is not known. */
export function partnerKind(name: string): UnitKind | undefined {
  return PARTNER_KINDS.find(([word]) => name.includes(word))?.[1];
}

type MatterSource = Omit<Matter, 'unitKinds'>;

const SOURCES: readonly MatterSource[] = [
  {
    n: 1, title: '职工权益保障',
    heading: '做好破产企业职工权益保障',
    text: '做好破产企业职工权益保障。落实失业保险、最低生活保障等制度政策，保障破产企业职工基本民生权益；协调解决破产企业职工社会保险关系转移、欠缴社会保险补缴及核销，职工再就业等问题。',
    partners: ['县法院', '县民政局', '县司法局', '县人力资源社会保障局', '市医疗保障局沂源分局', '县税务局'],
    keywords: ['职工', '工人', '员工', '失业', '低保', '最低生活保障', '社会保险', '社保', '再就业', '职工安置', '民生'],
  },
  {
    n: 2, title: '解除财产保全',
    heading: '依法解除破产企业财产保全',
    text: '依法解除破产企业财产保全。协调有关单位在人民法院受理破产申请后，及时解除针对破产企业财产采取的强制措施，依法将财产移交破产管理人接管，法律、行政法规另有规定的除外。',
    partners: ['县法院', '县检察院', '县公安局', '县市场监管局', '县税务局'],
    keywords: ['保全', '解除保全', '查封', '解封', '解除查封', '冻结', '解冻', '扣押', '强制措施', '财产移交', '接管'],
  },
  {
    n: 3, title: '涉税事务',
    heading: '加快破产涉税事务处置',
    text: '加快破产涉税事务处置。协调征税机关在破产债权申报期内及时申报税收债权；协调研究税收债权优先性等方面存在的规则冲突，统一执法尺度；协调破产企业土地增值税政策适用和应纳税额计算；协调简化办理破产企业减免税程序；协调破产重整中债务重组所得税、破产财产变现有关税负处置、税收优惠政策适用等问题。',
    partners: ['县法院', '县税务局'],
    keywords: ['税', '涉税', '税收', '税款', '税收债权', '减免税', '土地增值税', '所得税'],
  },
  {
    n: 4, title: '土地房产处置',
    heading: '协调处置破产企业土地使用权及地上建筑物',
    text: '协调处置破产企业土地使用权及地上建筑物。协调国有土地上房屋的市场价格评估问题；协调地上房屋征收条件、程序、补偿标准问题；协调破产企业房地权属分离、权属瑕疵、违法建筑处置问题。',
    partners: ['县法院', '县财政局', '县自然资源局', '县住房城乡建设局'],
    keywords: ['土地', '房产', '房屋', '房地', '不动产', '建筑物', '违法建筑', '权属', '产权瑕疵', '征收', '评估'],
  },
  {
    n: 5, title: '招商引资',
    heading: '协调破产财产处置纳入招商引资通道',
    text: '协调破产财产处置纳入招商引资通道。协调将破产财产处置、重整投资人招募纳入招商引资范围，给予相应政策支持，充分利用招商引资资源和市场，推介破产企业和破产财产，解决破产企业财产处置难、重整企业投资人招募难问题。',
    partners: ['县法院', '县商务局'],
    keywords: ['招商', '招商引资', '投资人', '投资人招募', '推介'],
  },
  {
    n: 6, title: '破产重整',
    heading: '协调开展企业破产重整',
    text: '协调开展企业破产重整。协调金融机构债权人、债务企业出资人等利害关系人，帮助有挽救价值的债务企业摆脱债务困境，推动庭外重组与庭内重整衔接，提高破产重整效率和成功率；协调信用管理部门，积极支持重整企业开展信用修复；推动重整企业平等参与招投标等经营活动。',
    partners: ['县法院', '县发展改革局', '县市场监管局', '县金融发展促进中心', '县税务局', '中国人民银行沂源支行'],
    keywords: ['重整', '预重整', '庭外重组', '信用修复', '招投标'],
  },
  {
    n: 7, title: '打击逃废债',
    heading: '协同打击逃废银行债务犯罪行为',
    text: '协同打击逃废银行债务犯罪行为。协调加大对企业破产相关的挪用资金、职务侵占、虚假诉讼、转移和隐匿财产、隐匿、故意销毁会计凭证、会计账簿，妨害清算等犯罪的立案、侦查、打击力度。',
    partners: ['县法院', '县检察院', '县公安局', '县金融发展促进中心', '中国人民银行沂源支行'],
    keywords: ['逃废债', '逃废银行债务', '犯罪', '挪用', '职务侵占', '虚假诉讼', '隐匿', '转移财产', '妨害清算'],
  },
  {
    n: 8, title: '维稳',
    heading: '加大对涉及企业破产的矛盾化解和维护稳定工作力度',
    text: '加大对涉及企业破产的矛盾化解和维护稳定工作力度。公安机关依据法院商请，协助做好财产接管、债权人会议、财产处置等风险评估、稳定预案和秩序维护；接到涉及破产企业相关人员的哄抢财产、人身伤害警情后，及时出警处置；涉民间集资案件中，依法审查涉及非法吸收公共存款罪、集资诈骗罪等刑事犯罪案件的被害人债权。信访部门积极协调有关单位做好相关领域舆情跟踪和信访稳定工作。',
    partners: ['县法院', '县公安局', '县信访局'],
    keywords: ['维稳', '维护稳定', '稳定', '信访', '舆情', '哄抢', '出警', '集资', '矛盾化解'],
  },
  {
    n: 9, title: '变更注销',
    heading: '便利破产企业变更、注销登记',
    text: '便利破产企业变更、注销登记。协调破产企业税务非正常户转正常户及重整企业产权过户问题；及时办理破产企业税务和营业执照变更、注销登记，在依法合规前提下简化登记程序和手续；破产清算程序终结的，依申请及时予以税务注销；破产企业管理人可持人民法院终结破产程序的裁定，向破产企业原登记机关申请办理简易注销登记。研究制定并落实破产企业涉及的生产许可、资质证明等变更登记政策。',
    partners: ['县法院', '县行政审批服务局', '县市场监管局', '县税务局'],
    keywords: ['注销', '变更', '变更登记', '注销登记', '非正常户', '过户', '营业执照', '生产许可', '资质'],
  },
  {
    n: 10, title: '金融支持',
    heading: '做好金融支持',
    text: '做好金融支持。金融监管部门积极发挥沟通协调作用，引导金融机构在合法权益得到有效保障的前提下，在财产处置方案表决、重整计划草案表决、重整信贷支持等方面切实支持企业破产工作。',
    partners: ['县法院', '县金融发展促进中心', '中国人民银行沂源支行'],
    keywords: ['金融', '金融支持', '银行', '信贷', '重整信贷', '表决'],
  },
  {
    n: 11, title: '破产经费',
    heading: '建立破产经费筹措机制',
    text: '建立破产经费筹措机制。协调建立破产案件经费保障制度，多渠道筹措破产经费，解决无产可破企业的破产费用、管理人报酬无法支付等难题。',
    partners: ['县法院', '县财政局'],
    keywords: ['经费', '破产经费', '破产费用', '费用', '管理人报酬', '无产可破'],
  },
  {
    n: 12, title: '管理人履职',
    heading: '明确管理人职责定位',
    text: '明确管理人职责定位。充分保障管理人依法履行调查债务人财产状况、管理和处分债务人财产法定职责。',
    partners: ['县法院', '县公安局', '县市场监管局', '县金融发展促进中心', '县税务局'],
    keywords: ['管理人', '管理人履职', '管理人职责', '调查财产'],
  },
];

export const MATTERS: readonly Matter[] = SOURCES.map((m) => ({
  ...m,
  unitKinds: [...new Set(m.partners.map((p) => partnerKind(p) ?? 'other'))],
}));

export type MatterLookup = { ok: true; matter: Matter } | { ok: false; reason: string };

function catalogue(list: readonly Matter[]): string {
  return list.map((m) => `${m.n}.${m.title}`).join('、');
}

/**
 * Finds a matter by its number ('3', '第3项', '事项三') or by words ('解除查封', '管理人报酬').
 * Words score by the length of the keywords they contain, so the more specific keyword wins
 * ('管理人报酬' is 破产经费, not 管理人履职); a tie is reported, not guessed.
 */
export function findMatter(text: string): MatterLookup {
  const key = compact(text);
  const numbered = /^(?:第|事项)?(.+?)(?:项|号)?$/u.exec(key);
  const n = numbered ? parseSmallInt(numbered[1]!) : null;
  if (n !== null) {
    const m = MATTERS[n - 1];
    if (m) return { ok: true, matter: m };
    return { ok: false, reason: `协调事项的编号是1至12，没有第${n}项。` };
  }
  if (key === '') return { ok: false, reason: `请写明协调事项，可写编号或名称：${catalogue(MATTERS)}。` };

  const byTitle = MATTERS.find((m) => m.title === key || m.heading === key);
  if (byTitle) return { ok: true, matter: byTitle };

  const scored = MATTERS.map((m) => ({
    m,
    score: m.keywords.filter((k) => key.includes(k)).reduce((sum, k) => sum + k.length, 0)
      + (m.title.includes(key) ? key.length : 0),
  }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0) {
    const inText = key.length >= 2 ? MATTERS.filter((m) => m.text.includes(key)) : [];
    if (inText.length === 1) return { ok: true, matter: inText[0]! };
    return { ok: false, reason: `无法确定“${text.trim()}”属于哪项协调事项，请写编号或名称：${catalogue(MATTERS)}。` };
  }
  const [first, second] = scored;
  if (second && second.score === first!.score) {
    const tied = scored.filter((s) => s.score === first!.score).map((s) => s.m);
    return { ok: false, reason: `“${text.trim()}”可能是${catalogue(tied)}，请写编号。` };
  }
  return { ok: true, matter: first!.m };
}
