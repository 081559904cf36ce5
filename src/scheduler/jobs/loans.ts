/**
 * The 321 warning (003 二(一)1), every working day at remindersAt: when a registered loan reaches
 * 90, 60 or 30 days before it falls due, the reporting unit's liaisons (the bank or 人民银行 /
 * 金融监管 that registered it), the liaisons of 人民银行 and 金融监管, and the director are told
 * what the stage asks for. Stages count calendar days (src/domain/loan-warning.ts), but notices
 * go out on working days only: a stage reached on a weekend or holiday goes out on the next
 * working day (loanWarningsDue reports the stage reached, not the exact day). Each (loan, stage)
 * is sent once; a loan marked repaid or renewed gets nothing more, and a renewal starts afresh
 * as a new ledger entry.
 */
import { formatOfficialDate } from '../../domain/dates.ts';
import { daysUntilDue, LOAN_STAGE_ACTIONS, loanWarningsDue } from '../../domain/loan-warning.ts';
import { formatWan } from '../../domain/money.ts';
import { unitName } from '../../core/unit-list.ts';
import { render } from '../../render/templates.ts';
import { displayName } from '../../store/enterprises.ts';
import { directors, liaisonsOf, unitsOfKind } from '../recipients.ts';
import { dailyJob } from './daily.ts';

export const loanWarningsJob = dailyJob({
  id: 'loan-321',
  label: '321贷款到期预警',
  times: (config) => [config.rhythms.remindersAt],
  run(ctx) {
    const { config, tx, today } = ctx;
    const financial = [...unitsOfKind(config, 'pboc'), ...unitsOfKind(config, 'nfra')];
    for (const { loan, stage } of loanWarningsDue(tx.values('loans'), today)) {
      const key = `loan-321:${loan.id}:${stage}`;
      if (ctx.sent(key)) continue;
      const e = tx.get('enterprises', loan.enterpriseId);
      const action = LOAN_STAGE_ACTIONS[stage];
      const text = render('loan-321', {
        months: action.months,
        enterprise: e ? displayName(e) : loan.enterpriseId,
        bank: loan.bank,
        amount: formatWan(loan.amountWan),
        due: formatOfficialDate(loan.dueDate),
        days: daysUntilDue(loan.dueDate, today),
        id: loan.id,
        unit: unitName(config, loan.unitId),
        who: action.who,
        action: action.action,
        extra: stage === 30 ? '请人民银行、金融监管部门和报送单位核实企业还款资金是否到位；难以按期归还的，及时报办公室研判。' : '',
      });
      ctx.notify(key, [...liaisonsOf(config, [loan.unitId, ...financial]), ...directors(config)], text);
    }
  },
});
