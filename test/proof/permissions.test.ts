import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { parseCommand } from '../../src/core/parser.ts';
import { deniedMessage, mayRun } from '../../src/core/permissions.ts';
import { routedCommand } from '../../src/core/shared-word.ts';
import { type IntakeBot, createIntakeBot } from '../intake/harness.ts';
import { BUG_APOLOGY, DENIAL, exampleCases } from './support/commands.ts';
import { changesSince, describeChanges, onlyInbox } from './support/journal.ts';
import { roleCases } from './support/roles.ts';
import { enterpriseNameFor } from './support/uscc.ts';
import { buildWorld, type WorldReport } from './support/world.ts';

/**
 * The full permission matrix: every documented example of every command in COMMANDS, said by one
 * person of every role, by a stranger, and by an external enterprise through the 微信客服 intake.
 * A role outside the command's audience gets the denial sentence and changes nothing (the journal
 * records only that the message was handled); a role inside it never gets the denial sentence.
 * New commands are covered as soon as they are in COMMANDS with examples.
 */

const cases = exampleCases();
const DENIAL_TAIL = '可以使用。发“帮助”看看您能用的命令。';
let t: IntakeBot;
let world: WorldReport;

beforeAll(async () => {
  t = await createIntakeBot();
  world = await buildWorld(t, (ext, text) => t.customerSays(ext, text));
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the permission matrix', () => {
  it('is derived from the command table: every command has examples, and the world has what they name', () => {
    for (const def of COMMANDS) expect(def.examples.length, `${def.name} has no examples`).toBeGreaterThan(0);
    for (const [prefix, [wanted, made]] of Object.entries(world.made)) expect(made, `world: ${prefix}`).toBeGreaterThanOrEqual(wanted);
  });

  // The demo config, as createIntakeBot loads it; read here so the cases exist when tests are collected.
  for (const role of roleCases(loadConfig())) {
    it(`${role.label}（${role.roles.join('、')}）: denied outside the audience without a change, never denied inside it`, async () => {
      for (const c of cases) {
        const def = routedCommand(c.command, parseCommand(c.text).positional[0]?.split(/\s+/u)[0] ?? '');
        const allowed = mayRun(def, role.person);
        expect(allowed, c.text).toBe(c.audience.includes('everyone') || role.roles.some((r) => c.audience.includes(r)));
        const seq = t.app.store.lastSeq;
        const reply = await t.say(role.person.id, c.chat === 'single' ? 'single' : '联络员群', c.text);
        expect(reply, `${role.label}: ${c.text}`).not.toMatch(BUG_APOLOGY);
        if (allowed) {
          // (帮助 may mention who can use a command; only a whole-answer denial is one.)
          expect(reply, `${role.label} may run: ${c.text}`).not.toMatch(DENIAL);
        } else {
          // A shared word (恢复) denies a role outside both of its commands in the shared word's
          // name, listing both audiences; otherwise the sentence is the command's own.
          expect(reply, `${role.label}: ${c.text}`).toMatch(DENIAL);
          if (c.command === def) expect(reply, `${role.label}: ${c.text}`).toBe(deniedMessage(def));
          const changes = await changesSince(t.app.store, seq);
          expect(onlyInbox(changes), `${role.label}: ${c.text} changed ${describeChanges(changes)}`).toBe(true);
        }
      }
      t.takeStaffPushes();
    });
  }

  it('a sender who is not configured is told so for every command, and nothing changes', async () => {
    let n = 0;
    for (const c of cases) {
      const seq = t.app.store.lastSeq;
      const replies = await t.app.bot.handle({
        channel: 'console', messageId: `stranger-${++n}`, chatKind: 'single', chatId: 'stranger', senderId: 'stranger', text: c.text, receivedAt: t.clock.now,
      });
      expect(replies.map((r) => r.text).join('\n'), c.text).toMatch(/还不在成员名单中/u);
      const changes = await changesSince(t.app.store, seq);
      expect(onlyInbox(changes), `${c.text} changed ${describeChanges(changes)}`).toBe(true);
    }
  });

  it('an external enterprise (微信客服) never runs a command: its words become its own request, and nothing internal changes or is shown', async () => {
    const INTAKE = new Set(['tickets', 'kfCursors', 'kfSeen', 'kfSessions', 'inbox', 'outbox']);
    const internal = [
      ...Array.from({ length: world.made.E?.[1] ?? 0 }, (_, i) => enterpriseNameFor(i + 1)),
      ...Array.from({ length: world.made.Q?.[1] ?? 0 }, (_, i) => new RegExp(`Q${i + 1}(?!\\d)`, "u")),
      '困境企业名册', DENIAL_TAIL, '督办任务', '预警',
    ];
    for (const c of cases) {
      const seq = t.app.store.lastSeq;
      await t.customerSays('wmPermissions', c.text);
      const changes = await changesSince(t.app.store, seq);
      const outside = changes.filter((ch) => !INTAKE.has(ch.c) && !(ch.c === 'counters' && ch.id === 'Q'));
      expect(outside, `${c.text} changed ${describeChanges(outside)}`).toEqual([]);
    }
    const received = t.toCustomer('wmPermissions');
    expect(received.length).toBeGreaterThan(0);
    for (const text of received) {
      expect(text).toMatch(/[\u4e00-\u9fa5]/u);
      for (const word of internal) expect(text, `the enterprise was shown “${word}”`).not.toContain(word);
    }
    t.takeStaffPushes();
  });
});
