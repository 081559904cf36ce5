/**
 * A HYPOTHETICAL 2027 arrangement for tests — the real notice was not published when this was
 * written. It follows the published principles (春节 8 days from 除夕, 国庆 7 days, 劳动节 5 days,
 * 端午/中秋 on a Wednesday only the day itself) and the ≤ 6 consecutive working days rule.
 */
export const HYPOTHETICAL_2027 = {
  year: 2027,
  holidays: {
    元旦: '2027-01-01..2027-01-03',
    春节: '2027-02-05..2027-02-12',
    清明节: '2027-04-03..2027-04-05',
    劳动节: '2027-05-01..2027-05-05',
    端午节: '2027-06-09',
    中秋节: '2027-09-15',
    国庆节: '2027-10-01..2027-10-07',
  },
  workdays: ['2027-01-31', '2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09'],
};
