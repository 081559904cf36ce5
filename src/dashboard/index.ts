import type Router from '@koa/router';
import { assetRoutes } from './assets.ts';
import { authRoutes } from './auth-routes.ts';
import type { DashboardOptions } from './options.ts';
import { pageRoutes } from './page-routes.ts';

export type { DashboardOptions } from './options.ts';

/** The director's read-only 工作台 under /dashboard, served by the bot's own koa app. */
export function dashboardRoutes(o: DashboardOptions): (router: Router) => void {
  return (router) => {
    authRoutes(router, o);
    assetRoutes(router);
    pageRoutes(router, o);
  };
}
