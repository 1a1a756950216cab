// Every kind of history entry reads as a whole sentence in English and in Welsh: no catalogue key left showing,
// no empty placeholder, names and sections where they belong, and Welsh word counts in their plural forms.

import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { historySentence } from '../../client/src/history/historySentence.js';
import type { HistoryItem } from '../../shared/history.js';
import { catalogues } from '../../shared/i18n/index.js';
import { CIRCLE_CHANGE_KINDS } from '../../server/storage/types.js';

const translations: Record<'en' | 'cy', TFunction> = {} as Record<'en' | 'cy', TFunction>;

beforeAll(async () => {
  for (const lng of ['en', 'cy'] as const) {
    const instance = i18next.createInstance();
    await instance.init({ lng, resources: { [lng]: { translation: catalogues[lng] } }, interpolation: { escapeValue: false } });
    translations[lng] = instance.t;
  }
});

const megan = { accountId: 'A'.repeat(22), displayName: 'Megan Evans', role: 'family' as const };
const jo = { accountId: 'B'.repeat(22), displayName: 'Jo Hughes', role: 'provider' as const };
const sam = { accountId: 'C'.repeat(22), displayName: 'Sam Evans', role: 'person' as const };
const alex = { accountId: 'D'.repeat(22), displayName: 'Alex Jones', role: 'socialWorker' as const };

function item(overrides: Partial<HistoryItem>): HistoryItem {
  return {
    firstSeq: 1,
    lastSeq: 1,
    at: '2026-03-03T14:05:00.000Z',
    until: '2026-03-03T14:05:00.000Z',
    kind: 'edit',
    by: megan,
    onBehalf: false,
    sections: ['whatMatters'],
    addedWords: 0,
    removedWords: 0,
    addedChars: 0,
    removedChars: 0,
    circle: null,
    version: null,
    agreement: null,
    restore: null,
    export: null,
    suggestion: null,
    meeting: null,
    ...overrides,
  };
}

const say = (lng: 'en' | 'cy', entry: HistoryItem) => historySentence(entry, lng, translations[lng]);

describe('history sentences', () => {
  it('says who added and removed how many words, where', () => {
    expect(say('en', item({ addedWords: 42, addedChars: 200 }))).toBe('Megan Evans (Family or friend) added 42 words to What matters to me');
    expect(say('en', item({ removedWords: 1, removedChars: 4 }))).toBe('Megan Evans (Family or friend) removed 1 word from What matters to me');
    expect(say('en', item({ addedWords: 3, removedWords: 2, sections: ['aboutMe', 'whatMatters'] }))).toBe(
      'Megan Evans (Family or friend) changed About me and What matters to me: added 3 words, removed 2 words',
    );
    expect(say('en', item({ addedChars: 1 }))).toBe('Megan Evans (Family or friend) made a small change to What matters to me');
    expect(say('en', item({ addedWords: 5, onBehalf: true }))).toBe('Megan Evans (Family or friend) added 5 words to What matters to me, on behalf of the person');
    expect(say('en', item({ kind: 'baseline', by: null, sections: ['aboutMe'] }))).toBe('Text written before Cylch kept a history, in About me');
    expect(say('en', item({ kind: 'recovered', by: null, sections: [] }))).toBe('Text whose author was not recorded');
  });

  it('uses the Welsh plural forms for word counts', () => {
    const words = (n: number) => say('cy', item({ addedWords: n }));
    expect(words(1)).toBe("Ychwanegodd Megan Evans (Teulu neu ffrind) 1 gair at “Beth sy'n bwysig i mi”");
    expect(words(2)).toBe("Ychwanegodd Megan Evans (Teulu neu ffrind) 2 air at “Beth sy'n bwysig i mi”");
    expect(words(3)).toContain(' 3 gair at ');
    expect(words(42)).toContain(' 42 o eiriau at ');
  });

  it('has a sentence for every kind of circle change, in both languages', () => {
    for (const change of CIRCLE_CHANGE_KINDS) {
      const subject = change === 'invitationAccepted' || change === 'memberAdded' ? { ...megan } : { ...jo };
      const entry = item({
        kind: 'circle',
        sections: change.startsWith('section') ? ['aboutMe'] : [],
        circle: {
          change,
          subject: change.startsWith('invitationC') || change.startsWith('section') || change === 'invitationWithdrawn' ? null : subject,
          role: change.startsWith('invitationC') ? 'advocate' : null,
          level: 'view',
          sectionId: change.startsWith('section') ? 'aboutMe' : null,
        },
      });
      for (const lng of ['en', 'cy'] as const) {
        const sentence = say(lng, entry);
        expect(sentence, `${lng} ${change}`).toContain('Megan Evans');
        expect(sentence, `${lng} ${change}`).not.toMatch(/history\.|\{\{|undefined|null/);
        // The generic fallback is only for kinds this page does not know.
        expect(sentence, `${lng} ${change}`).not.toBe(lng === 'en' ? 'Megan Evans (Family or friend) changed the circle' : 'Newidiodd Megan Evans (Teulu neu ffrind) y cylch');
      }
    }
    const removed = item({ kind: 'circle', sections: [], circle: { change: 'memberRemoved', subject: { ...jo }, role: 'provider', level: null, sectionId: null } });
    expect(say('en', removed)).toBe('Megan Evans (Family or friend) took Jo Hughes out of the circle');
    const level = item({ kind: 'circle', sections: [], circle: { change: 'levelChanged', subject: { ...jo }, role: null, level: 'view', sectionId: null } });
    expect(say('en', level)).toBe('Megan Evans (Family or friend) changed what Jo Hughes can do to “Read only”');
    const opened = item({ kind: 'circle', sections: ['aboutMe'], circle: { change: 'sectionOpened', subject: null, role: null, level: null, sectionId: 'aboutMe' } });
    expect(say('en', opened)).toBe('Megan Evans (Family or friend) opened About me to the circle');
    expect(say('cy', opened)).toBe("Agorodd Megan Evans (Teulu neu ffrind) “Amdanaf i” i'r cylch");
    const invited = item({ kind: 'circle', sections: [], circle: { change: 'invitationCreated', subject: null, role: 'family', level: 'comment', sectionId: null } });
    expect(say('en', invited)).toBe('Megan Evans (Family or friend) made an invitation link for someone to join the circle as Family or friend, with “Comment only”');
  });

  it('says who saved a version, agreed, did not agree (and why), and signed off for the council', () => {
    const version = item({ kind: 'version', by: sam, sections: [], version: { name: 'Draft for review meeting' } });
    expect(say('en', version)).toBe('Sam Evans (The person the plan is about) saved a version: “Draft for review meeting”');
    expect(say('cy', version)).toBe("Cadwodd Sam Evans (Y person y mae'r cynllun amdano) fersiwn: “Draft for review meeting”");
    const agreed = item({ kind: 'agreement', by: sam, sections: [], agreement: { kind: 'agree', reason: null } });
    expect(say('en', agreed)).toBe('Sam Evans (The person the plan is about) agreed with the plan');
    expect(say('cy', agreed)).toBe("Cytunodd Sam Evans (Y person y mae'r cynllun amdano) â'r cynllun");
    const disagreed = item({ kind: 'agreement', sections: [], agreement: { kind: 'disagree', reason: 'The times for my visits are wrong.' } });
    expect(say('en', disagreed)).toBe('Megan Evans (Family or friend) did not agree with the plan: The times for my visits are wrong.');
    expect(say('cy', disagreed)).toBe("Doedd Megan Evans (Teulu neu ffrind) ddim yn cytuno â'r cynllun: The times for my visits are wrong.");
    const noReason = item({ kind: 'agreement', sections: [], agreement: { kind: 'disagree', reason: null } });
    expect(say('en', noReason)).toBe('Megan Evans (Family or friend) did not agree with the plan');
    const signOff = item({ kind: 'agreement', by: alex, sections: [], agreement: { kind: 'signOff', reason: null } });
    expect(say('en', signOff)).toBe('Alex Jones (Social worker) recorded the council’s sign-off');
    expect(say('cy', signOff)).toBe('Cofnododd Alex Jones (Gweithiwr cymdeithasol) gymeradwyaeth y cyngor');
    const withNote = item({ kind: 'agreement', by: alex, sections: [], agreement: { kind: 'signOff', reason: 'Budget agreed at panel.' } });
    expect(say('en', withNote)).toBe('Alex Jones (Social worker) recorded the council’s sign-off: Budget agreed at panel.');
    // A plan manager's agreement is given on the person's behalf, and says so.
    expect(say('en', { ...agreed, by: jo, onBehalf: true })).toBe('Jo Hughes (Support provider) agreed with the plan, on behalf of the person');
  });

  it('says who restored which sections to which moment, naming the version when it was one', () => {
    const fromAt = '2026-03-03T14:05:00.000Z';
    const then = new Date(fromAt);
    const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(then);
    const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(then);
    const restored = item({ kind: 'restore', by: sam, sections: ['whatMatters'], restore: { fromSeq: 12, fromAt, versionName: 'Draft' } });
    expect(say('en', restored)).toBe(`Sam Evans (The person the plan is about) restored What matters to me to how it was on ${day} at ${time} (version “Draft”)`);
    const both = item({ kind: 'restore', by: sam, sections: ['aboutMe', 'whatMatters'], restore: { fromSeq: 12, fromAt, versionName: null } });
    expect(say('en', both)).toBe(`Sam Evans (The person the plan is about) restored About me and What matters to me to how it was on ${day} at ${time}`);
    const welsh = say('cy', restored);
    expect(welsh).toMatch(/^Adferodd Sam Evans \(Y person y mae'r cynllun amdano\) “Beth sy'n bwysig i mi” i'r hyn ydoedd ar 3 Mawrth 2026 am \d\d:\d\d \(fersiwn “Draft”\)$/);
  });

  it('says who downloaded the history, and in which format', () => {
    expect(say('en', item({ kind: 'export', by: sam, sections: [], export: { format: 'csv' } }))).toBe(
      'Sam Evans (The person the plan is about) downloaded the history (CSV, for a spreadsheet)',
    );
    expect(say('cy', item({ kind: 'export', by: sam, sections: [], export: { format: 'json' } }))).toBe(
      "Lawrlwythodd Sam Evans (Y person y mae'r cynllun amdano) yr hanes (JSON)",
    );
  });

  it('names both the member who suggested the words and the member who accepted them', () => {
    const accepted = item({ kind: 'suggestion', by: megan, sections: ['aboutMe'], addedWords: 3, suggestion: { acceptedBy: sam, onBehalf: false } });
    expect(say('en', accepted)).toBe('A suggestion by Megan Evans (Family or friend) in About me was accepted by Sam Evans (The person the plan is about)');
    expect(say('cy', accepted)).toBe(
      "Cafodd awgrym gan Megan Evans (Teulu neu ffrind) yn “Amdanaf i” ei dderbyn gan Sam Evans (Y person y mae'r cynllun amdano)",
    );
    // Accepted by a plan manager: on the person's behalf (the suggester acted only for themselves).
    const byManager = item({ kind: 'suggestion', by: megan, sections: ['aboutMe'], suggestion: { acceptedBy: jo, onBehalf: true } });
    expect(say('en', byManager)).toBe('A suggestion by Megan Evans (Family or friend) in About me was accepted by Jo Hughes (Support provider), on behalf of the person');
  });

  it('says who started and ended a meeting, with how many attended, decided and captured (Welsh plural forms too)', () => {
    const meeting = { id: 'm'.repeat(22), kind: 'review' as const, attended: 1, decisions: 0, actions: 0 };
    const started = item({ kind: 'meeting', sections: [], meeting: { ...meeting, event: 'started' } });
    expect(say('en', started)).toBe('Megan Evans (Family or friend) started a review meeting');
    expect(say('cy', started)).toBe('Dechreuodd Megan Evans (Teulu neu ffrind) gyfarfod adolygu');
    const ended = item({ kind: 'meeting', sections: [], meeting: { ...meeting, event: 'ended', attended: 4, decisions: 2, actions: 1 } });
    expect(say('en', ended)).toBe('Megan Evans (Family or friend) ended the review meeting (4 attended, 2 decisions, 1 action)');
    expect(say('cy', ended)).toBe("Daeth Megan Evans (Teulu neu ffrind) â'r cyfarfod adolygu i ben (4 yn bresennol, 2 benderfyniad, 1 cam)");
    const planning = item({ kind: 'meeting', by: jo, onBehalf: true, sections: [], meeting: { ...meeting, kind: 'planning', event: 'ended', attended: 7, decisions: 1, actions: 3 } });
    expect(say('en', planning)).toBe('Jo Hughes (Support provider) ended the planning meeting (7 attended, 1 decision, 3 actions), on behalf of the person');
    expect(say('cy', planning)).toContain('(7 yn bresennol, 1 penderfyniad, 3 cham)');
    // A download of a meeting's record is not a copy of the plan.
    expect(say('en', item({ kind: 'export', by: sam, sections: [], export: { format: 'pdf', lang: 'cy', meetingId: 'm'.repeat(22) } }))).toBe(
      'Sam Evans (The person the plan is about) downloaded the record of a meeting (PDF)',
    );
  });

  it('never shows a catalogue key or an empty placeholder for the new kinds, in either language', () => {
    const entries = [
      item({ kind: 'export', sections: [], export: { format: 'json' } }),
      item({ kind: 'version', sections: [], version: { name: 'V' } }),
      item({ kind: 'agreement', by: null, sections: [], agreement: { kind: 'signOff', reason: '  ' } }),
      item({ kind: 'restore', sections: [], restore: { fromSeq: 1, fromAt: '2026-01-01T09:00:00.000Z', versionName: null } }),
      item({ kind: 'suggestion', by: null, sections: ['aboutMe'], suggestion: { acceptedBy: { ...sam, displayName: '' }, onBehalf: false } }),
      item({ kind: 'meeting', by: null, sections: [], meeting: { id: 'm'.repeat(22), kind: 'planning', event: 'started', attended: 1, decisions: 0, actions: 0 } }),
      item({ kind: 'meeting', sections: [], meeting: { id: 'm'.repeat(22), kind: 'review', event: 'ended', attended: 0, decisions: 0, actions: 0 } }),
      item({ kind: 'export', sections: [], export: { format: 'docx', meetingId: 'm'.repeat(22) } }),
    ];
    for (const lng of ['en', 'cy'] as const) {
      for (const entry of entries) expect(say(lng, entry), `${lng} ${entry.kind}`).not.toMatch(/history\.|\{\{|undefined|null|: $/);
    }
  });
});
