// `npm run bundle`: one tarball for a machine with Node and no network (a 政务外网 server):
//   release/fuyuan-bot-<version>.tar.gz → fuyuan-bot-<version>/
//     dist/           compiled code (npm run build)
//     node_modules/   production dependencies only, exactly as package-lock.json pins them
//     templates/, config/demo.yaml (the config sample), package.json, package-lock.json
//     scripts/run.mjs, scripts/build-state.mjs   so `npm start` / `npm run cli` work there too
//     deploy/         systemd unit, environment sample, logrotate rule, install.sh
// Unpacked anywhere, `node dist/src/main.js` (or `npm start`) runs with no registry: nothing is
// installed or compiled on the target machine.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from './build.mjs';
import { ROOT } from './build-state.mjs';

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const name = `fuyuan-bot-${pkg.version}`;
const stage = mkdtempSync(join(tmpdir(), 'fuyuan-bundle-'));
const top = join(stage, name);
try {
  mkdirSync(top);
  build(join(top, 'dist'));
  rmSync(join(top, 'dist', '.tsbuildinfo'));
  for (const path of ['templates', 'config', 'deploy', 'package-lock.json', 'README.md']) {
    cpSync(join(ROOT, path), join(top, path), { recursive: true });
  }
  mkdirSync(join(top, 'scripts'));
  for (const f of ['run.mjs', 'build-state.mjs', 'build.mjs']) cpSync(join(ROOT, 'scripts', f), join(top, 'scripts', f));
  // The bundle's package.json: the same dependencies, and only the scripts that run compiled code.
  const scripts = Object.fromEntries(['start', 'cli', 'chat'].map((s) => [s, pkg.scripts[s]]));
  writeFileSync(join(top, 'package.json'), `${JSON.stringify({ ...pkg, scripts }, null, 2)}\n`);
  // Production dependencies as the lock pins them; no install scripts (none of them needs one).
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], top);
  mkdirSync(join(ROOT, 'release'), { recursive: true });
  const tarball = join(ROOT, 'release', `${name}.tar.gz`);
  run('tar', ['-czf', tarball, '--owner=0', '--group=0', '-C', stage, name], ROOT);
  process.stdout.write(`${tarball}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
