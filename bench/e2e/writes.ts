/**
 * 2,000 `登记` from 20 senders through encrypted WeCom app callbacks: each sender posts its next
 * callback as soon as the last one was answered (the passive reply is the acknowledgement, sent
 * after the change is durable). Half register a new enterprise, half add the sender's unit's
 * signal to an enterprise on the roll — the same mix as the in-process figure (bench/scale/measure.ts).
 * All callbacks are encrypted before the clock starts; the client only posts and opens the answers.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config/load.ts';
import { appTextXml, wecomCallbackClient } from '../../test/fakes/wecom-callbacks.ts';
import { enterpriseNameFor, usccFor } from '../../test/proof/support/uscc.ts';
import { FAKE_WECOM } from '../../test/proof/support/wecom-env.ts';
import { SCALE } from '../scale/generate.ts';
import { summary } from '../support/stats.ts';

export interface WriteResult {
  senders: number;
  commands: number;
  p50: number;
  p99: number;
  max: number;
  failures: number;
  seconds: number;
}

const client = () => wecomCallbackClient({ token: FAKE_WECOM.token, encodingAESKey: FAKE_WECOM.aesKey, receiveId: FAKE_WECOM.corpId });

function senders(): { wecom: string; unit: string }[] {
  const config = loadConfig();
  const wecomOf = (id: string) => config.personById(id)?.ids.wecom ?? '';
  return [
    ...config.people.filter((p) => p.roles.includes('liaison') && p.ids.wecom).map((p) => ({ wecom: p.ids.wecom!, unit: '' })),
    { wecom: wecomOf('director'), unit: '财政局' },
    { wecom: wecomOf('admin'), unit: '发改局' },
    { wecom: wecomOf('director'), unit: '工信局' },
  ].filter((s) => s.wecom).slice(0, 20);
}

export async function runWrites(url: string, options: { perSender?: number; firstMsgId?: number } = {}): Promise<WriteResult> {
  const perSender = options.perSender ?? 100;
  const people = senders();
  const c = client();
  let fresh = SCALE.enterprises + 1000;
  let msgId = options.firstMsgId ?? 8_100_000_000;
  const plans = people.map((s, k) =>
    Array.from({ length: perSender }, (_, i) => {
      const unit = s.unit ? ` 单位:${s.unit}` : '';
      const text =
        i % 2 === 0
          ? `登记 ${enterpriseNameFor(++fresh)} 代码:${usccFor(fresh)} 情形:其他 说明:"经营困难，第${i}次排查发现"${unit}`
          : `登记 E${1 + (((k * perSender + i) * 37) % SCALE.enterprises)} 情形:其他 说明:"排查发现经营异常，第${i}次"${unit}`;
      const req = c.encryptedAppCallback(appTextXml({ corpId: FAKE_WECOM.corpId, from: s.wecom, content: text, msgId: String(++msgId), createTime: 1_790_000_000 + i }));
      return { path: `/wecom/app?${req.query}`, body: req.body };
    }),
  );
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    plans.map(async (plan) => {
      for (const req of plan) {
        const t0 = performance.now();
        let answer: string;
        try {
          const res = await fetch(`${url}${req.path}`, { method: 'POST', body: req.body, headers: { 'content-type': 'text/xml' } });
          const text = await res.text();
          answer = res.status === 200 && text ? c.openXmlReply(text) : `HTTP ${res.status} ${text}`;
        } catch (err) {
          // A connection the server closed counts as a failed acknowledgement (WeCom would retry).
          answer = `${String(err)} ${String((err as { cause?: unknown }).cause ?? '')}`;
        }
        latencies.push(performance.now() - t0);
        if (!/<Content><!\[CDATA\[已/.test(answer)) {
          failures++;
          if (failures < 4) process.stderr.write(`  e2e: unexpected answer: ${answer.slice(0, 200)}\n`);
        }
      }
    }),
  );
  const s = summary(latencies);
  return { senders: people.length, commands: latencies.length, p50: s.p50, p99: s.p99, max: s.max, failures, seconds: (performance.now() - started) / 1000 };
}
