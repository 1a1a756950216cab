// The pure parts of meeting mode: the timer's arithmetic by the server's clock, the ids of the plan's actions that can
// be captured, and the meeting's record as blocks (decisions under their agenda items in the agenda's order, the
// actions table, agreements, a meeting still going on) in English and Welsh.

import { describe, expect, it } from 'vitest';
import type { MeetingRecord } from '../../shared/meeting.js';
import { meetingRecordBlocks, meetingRecordTitle } from '../../server/exports/meetingRecordCopy.js';
import type { Block } from '../../server/exports/planCopy.js';
import { planActionIds } from '../../server/meeting/meetingOperations.js';
import { runTimer, timerElapsedMs } from '../../server/meeting/meetingTimer.js';

const at = (s: number) => new Date(Date.UTC(2026, 2, 3, 14, 0, s));

describe('the meeting timer', () => {
  const stopped = { runningSince: null, elapsedMs: 0 };

  it('runs from start to stop, and on from where it stopped', () => {
    const running = runTimer(stopped, 'start', at(0));
    expect(running).toEqual({ runningSince: at(0).toISOString(), elapsedMs: 0 });
    expect(timerElapsedMs(running, at(30))).toBe(30_000);
    const paused = runTimer(running, 'stop', at(30));
    expect(paused).toEqual({ runningSince: null, elapsedMs: 30_000 });
    expect(timerElapsedMs(paused, at(59))).toBe(30_000);
    const again = runTimer(paused, 'start', at(40));
    expect(timerElapsedMs(again, at(50))).toBe(40_000);
    expect(runTimer(again, 'stop', at(50))).toEqual({ runningSince: null, elapsedMs: 40_000 });
  });

  it('starting a running timer or stopping a stopped one changes nothing', () => {
    const running = runTimer(stopped, 'start', at(0));
    expect(runTimer(running, 'start', at(20))).toEqual(running);
    expect(runTimer({ runningSince: null, elapsedMs: 5000 }, 'stop', at(20))).toEqual({ runningSince: null, elapsedMs: 5000 });
  });

  it('reset goes back to no time, a running timer running on from zero', () => {
    expect(runTimer({ runningSince: null, elapsedMs: 9000 }, 'reset', at(20))).toEqual(stopped);
    const running = runTimer({ runningSince: at(0).toISOString(), elapsedMs: 9000 }, 'reset', at(20));
    expect(running).toEqual({ runningSince: at(20).toISOString(), elapsedMs: 0 });
    expect(timerElapsedMs(running, at(25))).toBe(5000);
  });

  it('a clock that went back counts as no time, never less', () => {
    const running = { runningSince: at(30).toISOString(), elapsedMs: 1000 };
    expect(timerElapsedMs(running, at(10))).toBe(1000);
    expect(runTimer(running, 'stop', at(10))).toEqual({ runningSince: null, elapsedMs: 1000 });
  });
});

describe('the actions that can be captured', () => {
  it('are the ids the plan’s action lines really carry', () => {
    expect(planActionIds({ list: [{ id: 'bus', what: 'Bus pass' }, { what: 'no id' }, { id: '' }, null, { id: 7 }, { id: 'swim' }] })).toEqual(['bus', 'swim']);
    expect(planActionIds({})).toEqual([]);
    expect(planActionIds({ list: 'not a list' })).toEqual([]);
  });
});

const megan = { accountId: 'A'.repeat(22), displayName: 'Megan Evans', role: 'family' as const };
const sam = { accountId: 'C'.repeat(22), displayName: 'Sam Evans', role: 'person' as const };
const alex = { accountId: 'D'.repeat(22), displayName: 'Alex Jones', role: 'socialWorker' as const };
const hash = 'a'.repeat(64);

function record(overrides: Partial<MeetingRecord['meeting']> = {}, rest: Partial<Omit<MeetingRecord, 'meeting'>> = {}): MeetingRecord {
  return {
    meeting: {
      id: 'm'.repeat(22),
      kind: 'review',
      startedBy: megan,
      // 14:00 UTC in March is 14:00 in the UK; in July it is 15:00.
      startedAt: '2026-03-03T14:00:00.000Z',
      endedAt: '2026-03-03T15:10:00.000Z',
      facilitator: megan,
      current: 0,
      timer: { runningSince: null, elapsedMs: 0 },
      attendees: [
        { person: megan, joinedAt: '2026-03-03T14:00:00.000Z' },
        { person: sam, joinedAt: '2026-03-03T14:02:00.000Z' },
      ],
      decisions: [
        { id: 'd'.repeat(22), sectionId: 'personalBudget', text: 'Ask for a direct payment.', by: alex, at: '2026-03-03T14:40:00.000Z' },
        { id: 'e'.repeat(22), sectionId: 'aboutMe', text: 'Sam likes mornings.', by: sam, at: '2026-03-03T14:50:00.000Z' },
      ],
      actionIds: ['bus'],
      agreementRoundAt: '2026-03-03T15:00:00.000Z',
      ...overrides,
    },
    actions: [{ id: 'bus', what: 'Apply for a bus pass', who: 'Megan', byWhen: '2026-05-01', done: false }],
    agreements: [
      { seq: 9, kind: 'disagree', by: alex, reason: 'The panel has not met.', at: '2026-03-03T15:05:00.000Z', contentHash: hash, current: true, versionName: null, recordHash: hash },
      { seq: 10, kind: 'agree', by: sam, reason: null, at: '2026-03-03T15:06:00.000Z', contentHash: hash, current: true, versionName: null, recordHash: hash },
    ],
    ...rest,
  };
}

const texts = (blocks: Block[]) => blocks.map((b) => (b.kind === 'table' ? [b.header.join(' | '), ...b.rows.map((r) => r.join(' | '))].join('\n') : b.text));

describe('the meeting record as blocks', () => {
  const madeAt = new Date('2026-03-04T09:30:00.000Z');

  it('says what, when and who, then the decisions under their agenda items in the agenda’s order, the actions and the agreements', () => {
    const blocks = meetingRecordBlocks({ record: record(), planTitle: 'Sam’s plan', language: 'en', madeAt });
    expect(blocks[0]).toEqual({ kind: 'title', text: 'Meeting record — Sam’s plan' });
    expect(texts(blocks)).toEqual([
      'Meeting record — Sam’s plan',
      'Review meeting',
      'Date: 3 March 2026',
      'Started at 14:00',
      'Ended at 15:10',
      'Facilitator: Megan Evans (Family or friend)',
      'Agreement round started at 15:00',
      'Who attended',
      'Megan Evans (Family or friend), joined at 14:00',
      'Sam Evans (The person the plan is about), joined at 14:02',
      'Decisions',
      '1. About me',
      'Sam likes mornings. — Sam Evans (The person the plan is about), 14:50',
      '6. My personal budget',
      'Ask for a direct payment. — Alex Jones (Social worker), 14:40',
      'Actions',
      'What will be done | Who will do it | By when | Done\nApply for a bus pass | Megan | 1 May 2026 | Not yet',
      'Agreement given during the meeting',
      'Alex Jones (Social worker): does not agree: The panel has not met. — 15:05',
      'Sam Evans (The person the plan is about): agrees with the plan — 15:06',
      'Record made on 4 March 2026 at 09:30. Times are UK times.',
    ]);
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => (b as { level: number }).level)).toEqual([1, 1, 2, 2, 1, 1]);
  });

  it('gives UK times (summer time too), says when the meeting is still going on, and when nothing was decided, captured or agreed', () => {
    const summer = record(
      { startedAt: '2026-07-01T14:00:00.000Z', endedAt: null, decisions: [], actionIds: [], agreementRoundAt: null, attendees: [{ person: megan, joinedAt: '2026-07-01T14:00:00.000Z' }] },
      { actions: [], agreements: [] },
    );
    const lines = texts(meetingRecordBlocks({ record: summer, planTitle: null, language: 'en', madeAt }));
    expect(lines).toContain('Started at 15:00');
    expect(lines).toContain('Still going on when this record was made.');
    expect(lines).toContain('No decisions were written down.');
    expect(lines).toContain('No actions were captured in this meeting.');
    expect(lines).toContain('Nobody said during the meeting whether they agree with the plan.');
    expect(lines.join('\n')).not.toMatch(/Agreement round|Ended at/);
    expect(meetingRecordTitle(null, 'en')).toMatch(/^Meeting record — \S/);
  });

  it('is in Welsh when asked, people’s words as they wrote them', () => {
    const lines = texts(meetingRecordBlocks({ record: record({ kind: 'planning' }), planTitle: 'Cynllun Sam', language: 'cy', madeAt }));
    expect(lines[0]).toBe('Cofnod cyfarfod — Cynllun Sam');
    expect(lines).toContain('Cyfarfod cynllunio');
    expect(lines).toContain('Hwylusydd: Megan Evans (Teulu neu ffrind)');
    expect(lines).toContain('Pwy oedd yn bresennol');
    expect(lines).toContain('Ask for a direct payment. — Alex Jones (Gweithiwr cymdeithasol), 14:40');
    expect(lines.some((l) => l.includes('Apply for a bus pass | Megan') && l.includes('Ddim eto'))).toBe(true);
    expect(lines).toContain("Sam Evans (Y person y mae'r cynllun amdano): yn cytuno â'r cynllun — 15:06");
    expect(lines.join('\n')).not.toMatch(/meetingRecord\.|\{\{|undefined/);
  });
});
