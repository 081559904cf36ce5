/** The 纪要 of the demo meeting M1 as a liaison types it: place, a decision, two tasks, leave and observers. */
export const DEMO_MINUTES = [
  '纪要 M1',
  '地点：区法院第三会议室',
  '议定：同意由管理人接管厂区',
  '任务：解除对E1厂房的查封 牵头:法院 协办:公安局 期限:10个工作日',
  '任务：申报税收债权 牵头:税务局 期限:2026-12-19',
  '请假：人社局',
  '列席：破产管理人',
].join('\n');
