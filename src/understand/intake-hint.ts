/**
 * The enterprise path (微信客服) may use the model for one thing only: to suggest to the center's
 * staff a category and a one-line summary of a new request. Nothing of it goes to the enterprise,
 * and no command is ever proposed there.
 */
import { TICKET_CATEGORIES, type TicketCategory } from '../domain/ticket-category.ts';
import { askJson } from './model-client.ts';
import type { ModelSettings } from './model-env.ts';

export interface IntakeHint {
  category: TicketCategory;
  summary: string;
}

export type AskIntakeHint = (text: string) => Promise<IntakeHint | undefined>;

const SUMMARY_MAX = 60;

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['category', 'summary'],
  properties: {
    category: { type: 'string', enum: [...TICKET_CATEGORIES] },
    summary: { type: 'string', maxLength: SUMMARY_MAX, description: '一句话概括企业的诉求，不含联系方式' },
  },
};

const SYSTEM = `企业通过微信向企业纾困司法协同中心反映诉求。请给中心工作人员一个建议：诉求类别（${TICKET_CATEGORIES.join('、')}之一）和一句话摘要（不超过${SUMMARY_MAX}字）。只回答 JSON。`;

export function createIntakeHint(settings: ModelSettings): AskIntakeHint {
  return async (text) => {
    const answer = await askJson(settings, SYSTEM, text, 'intake_hint', SCHEMA);
    const category = TICKET_CATEGORIES.find((c) => c === answer?.category);
    const summary = typeof answer?.summary === 'string' ? answer.summary.replace(/\s+/gu, ' ').trim() : '';
    if (!category || !summary || summary.length > SUMMARY_MAX) return undefined;
    return { category, summary };
  };
}
