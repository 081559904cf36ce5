/**
 * The 诉求 section of an enterprise's file (企业 E12): the requests the enterprise sent to the
 * 纾困中心, for the members of the mechanism (never shown to the enterprise itself).
 */
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { formatShortDate } from '../domain/dates.ts';
import { addFileSection } from '../store/enterprise-extras.ts';
import { categoryLabel } from './notices.ts';
import { byNumber, ticketTitle } from './tickets.ts';

addFileSection((reader, e) => {
  const tickets = reader.lookup('tickets', 'enterprise', e.id).sort(byNumber);
  if (tickets.length === 0) return undefined;
  const lines = tickets.slice(-5).map((t) => `· ${t.id} ${formatShortDate(toShanghaiDate(new Date(t.createdAt)))} ${categoryLabel(t)} ${t.state}：${ticketTitle(t, 20)}`);
  return [`企业诉求（${tickets.length}件）：`, ...lines].join('\n');
});
