import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { WorkingCalendar } from '../../src/domain/calendar/working-days.ts';
import { readByRules } from '../../src/understand/understand.ts';
import { CORPUS, NOW, WHO } from './corpus.ts';

const config = loadConfig();
const deps = { config, calendar: new WorkingCalendar(), commands: COMMANDS };
const now = new Date(NOW);

function reading(who: keyof typeof WHO, text: string) {
  const person = config.findPerson(WHO[who])!;
  return readByRules(text, person, now, deps);
}

describe('the phrasing corpus, read by the rules alone', () => {
  it('has at least 200 phrasings from liaisons, the director and the center staff', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(200);
  });

  it('places at least 90 % of them on the command they mean', () => {
    const misses: string[] = [];
    for (const [who, text, expected] of CORPUS) {
      const got = reading(who, text)?.line ?? 'none';
      if (got !== expected) misses.push(`${WHO[who]}「${text}」\n    想要 ${expected}\n    得到 ${got}`);
    }
    const rate = (CORPUS.length - misses.length) / CORPUS.length;
    console.log(`rules placed ${CORPUS.length - misses.length}/${CORPUS.length} = ${(rate * 100).toFixed(1)} %\n  ${misses.join('\n  ')}`);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });

  it('never proposes a changing command for a message that asks for none', () => {
    const wrong = CORPUS.filter(([who, text, expected]) => expected === 'none' && reading(who, text)?.read === false).map(([who, text]) => `${who}: ${text} → ${reading(who, text)!.line}`);
    expect(wrong).toEqual([]);
  });
});
