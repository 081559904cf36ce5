import type Router from '@koa/router';
import type { Context } from 'koa';
import { UserError } from '../domain/errors.ts';
import type { Person } from '../domain/types.ts';
import { isOffice } from '../documents/minutes-export.ts';
import { statsPeriod } from '../domain/stats-period.ts';
import { findEnterprise } from '../store/enterprises.ts';
import { type CommandName } from './access.ts';
import { navFor, personOf, refuse, refuseAnonymous, refuseUnlessAllowed } from './guard.ts';
import { type DashboardOptions, loginChoices } from './options.ts';
import { enterprisePage } from './pages/enterprise.ts';
import { meetingsPage } from './pages/meetings.ts';
import { overviewPage } from './pages/overview.ts';
import { rosterPage, rosterQueryOf } from './pages/roster.ts';
import { statsPage } from './pages/stats.ts';
import { taskScopeOf, tasksPage } from './pages/tasks.ts';
import { renderPage } from './render.ts';
import { type DashboardView, dashboardView } from './view.ts';

const one = (v: unknown) => (typeof v === 'string' && v.trim() && v.length <= 60 ? v.trim() : undefined);

/** The read-only pages. Each checks the session, then the matching chat command's audience. */
export function pageRoutes(router: Router, o: DashboardOptions): void {
  /** Runs `show` for a signed-in person allowed `command`; refuses everyone else. */
  const page = (command: CommandName | undefined, show: (ctx: Context, view: DashboardView) => void | Promise<void>) => async (ctx: Context) => {
    const person = personOf(ctx, o.sessions, o.config);
    if (!person) return refuseAnonymous(ctx, loginChoices(o));
    if (command && refuseUnlessAllowed(ctx, person, command)) return;
    try {
      // A read-only transaction: one consistent state, nothing written.
      await o.store.transact({ actor: person.id, action: 'dashboard' }, (tx) =>
        show(ctx, dashboardView({ tx, config: o.config, calendar: o.calendar, person, now: o.now() })));
    } catch (err) {
      if (err instanceof UserError) return refuse(ctx, person, err.message, 404);
      throw err;
    }
  };
  const html = (ctx: Context, person: Person, name: string, title: string, data: object) => {
    ctx.type = 'html';
    ctx.body = renderPage(name, { person, nav: navFor(person), title, active: title, ...data });
  };

  router.get('/dashboard/', page(undefined, (ctx, v) => html(ctx, v.person, 'overview', '总览', overviewPage(v))));
  router.get('/dashboard/roster', page('名册', (ctx, v) => {
    html(ctx, v.person, 'roster', '名册', { ...rosterPage(v, rosterQueryOf(ctx.query)), canExport: isOffice(v) });
  }));
  // The same workbook as 导出 名册, for the same people (the office).
  router.get('/dashboard/roster.xlsx', page('导出', async (ctx, v) => {
    if (!isOffice(v)) return refuse(ctx, v.person, '名册由办公室主任、召集人导出。');
    // Loaded on first use, as in chat: the Excel writer is not needed to start the service.
    const { produceRoster } = await import('../documents/produce.ts');
    const file = await produceRoster(v);
    ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    ctx.body = Buffer.from(file.bytes);
  }));
  router.get('/dashboard/enterprises/:id', page('企业', (ctx, v) => {
    const data = enterprisePage(v, findEnterprise(v.tx, String(ctx.params.id ?? '')));
    html(ctx, v.person, 'enterprise', '企业档案', data);
  }));
  router.get('/dashboard/tasks', page('任务', (ctx, v) => html(ctx, v.person, 'tasks', '督办', tasksPage(v, taskScopeOf(v, ctx.query.scope)))));
  router.get('/dashboard/meetings', page('会议', (ctx, v) => html(ctx, v.person, 'meetings', '会议', meetingsPage(v))));
  router.get('/dashboard/stats', page('统计', (ctx, v) => {
    const period = statsPeriod(one(ctx.query.from), one(ctx.query.to), v.today);
    html(ctx, v.person, 'stats', '统计', statsPage(v, period));
  }));
}
