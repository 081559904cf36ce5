import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type Router from '@koa/router';

/**
 * The dashboard's static files, all from this origin: Apache ECharts from its npm package and our
 * own stylesheet and chart script. Government intranets cannot reach a CDN.
 */
const require = createRequire(import.meta.url);
const own = (name: string) => new URL(`./assets/${name}`, import.meta.url);

const FILES: Record<string, { path: string | URL; type: string }> = {
  'echarts.min.js': { path: require.resolve('echarts/dist/echarts.min.js'), type: 'application/javascript' },
  'dashboard.css': { path: own('dashboard.css'), type: 'text/css' },
  'charts.js': { path: own('charts.js'), type: 'application/javascript' },
};

export function assetRoutes(router: Router): void {
  const cache = new Map<string, Buffer>();
  router.get('/dashboard/assets/:name', (ctx) => {
    const file = FILES[String(ctx.params.name)];
    if (!file) return;
    let bytes = cache.get(ctx.params.name!);
    if (!bytes) {
      bytes = readFileSync(file.path);
      cache.set(ctx.params.name!, bytes);
    }
    ctx.type = file.type;
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = bytes;
  });
}
