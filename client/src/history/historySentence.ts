// One line of the plan's history as a sentence a person can read: who did what, where ("Megan Evans (Family or
// friend) added 42 words to What matters to me"). Names are only ever interpolated as text.

import type { TFunction } from 'i18next';
import type { HistoryItem, HistoryPerson } from '../../../shared/history.js';
import type { SectionId } from '../../../shared/sections.js';
import { formatDay, formatTime } from './historyTime.js';

type Item = Pick<
  HistoryItem,
  'kind' | 'by' | 'onBehalf' | 'sections' | 'addedWords' | 'removedWords' | 'addedChars' | 'removedChars' | 'circle' | 'version' | 'agreement' | 'restore' | 'export'
> &
  Partial<Pick<HistoryItem, 'suggestion' | 'meeting'>>;

/** "Megan Evans (Family or friend)": a name and role in brackets reads the same in English and Welsh. */
export function personLabel(person: Pick<HistoryPerson, 'displayName' | 'role'>, t: TFunction): string {
  return `${person.displayName || t('history.someoneStart')} (${t(`roles.${person.role}`)})`;
}

/** Section headings joined as the language joins a list ("About me and What matters to me"). */
export function sectionList(sections: readonly SectionId[], language: string, t: TFunction): string {
  if (sections.length === 0) return t('history.thePlan');
  const names = sections.map((id) => t('history.sectionName', { name: t(`sections.${id}.heading`) }));
  try {
    return new Intl.ListFormat(language === 'cy' ? 'cy' : 'en-GB', { style: 'long', type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

export function historySentence(item: Item, language: string, t: TFunction): string {
  const sentence = baseSentence(item, language, t);
  // An accepted suggestion's words are the suggester's; "on behalf of" is about who accepted them.
  const onBehalf = item.kind === 'suggestion' && item.suggestion ? item.suggestion.onBehalf : item.onBehalf;
  return onBehalf ? t('history.withOnBehalf', { sentence }) : sentence;
}

function baseSentence(item: Item, language: string, t: TFunction): string {
  const sections = sectionList(item.sections, language, t);
  if (item.kind === 'baseline') return item.sections.length ? t('history.baselineIn', { sections }) : t('history.baseline');
  if (item.kind === 'recovered') return item.sections.length ? t('history.recoveredIn', { sections }) : t('history.recovered');
  const who = item.by ? personLabel(item.by, t) : t('history.someoneStart');
  if (item.kind === 'circle' && item.circle) return circleSentence(item.circle, who, item.by?.accountId ?? null, language, t);
  if (item.kind === 'version' && item.version) return t('history.version.saved', { who, name: item.version.name });
  if (item.kind === 'agreement' && item.agreement) return agreementSentence(item.agreement, who, t);
  if (item.kind === 'meeting' && item.meeting) return meetingSentence(item.meeting, who, t);
  if (item.kind === 'export' && item.export?.meetingId !== undefined && (item.export.format === 'pdf' || item.export.format === 'docx')) {
    return t(item.export.format === 'pdf' ? 'history.meeting.recordPdf' : 'history.meeting.recordDocx', { who });
  }
  if (item.kind === 'export' && item.export) {
    const { format, versionName, givenTo } = item.export;
    const said = t(`history.export.${format}`, { who });
    const ofVersion = versionName ? t('history.export.ofVersion', { sentence: said, name: versionName }) : said;
    return givenTo ? t('history.export.givenTo', { sentence: ofVersion, name: givenTo }) : ofVersion;
  }
  if (item.kind === 'suggestion' && item.suggestion) {
    return t('history.suggestion.accepted', { who, sections, accepter: personLabel(item.suggestion.acceptedBy, t) });
  }
  if (item.kind === 'restore' && item.restore) {
    const then = new Date(item.restore.fromAt);
    const values = { who, sections, date: formatDay(then, language, t), time: formatTime(then) };
    return item.restore.versionName === null
      ? t('history.restore.to', values)
      : t('history.restore.toVersion', { ...values, name: item.restore.versionName });
  }
  if (item.addedWords > 0 && item.removedWords > 0) {
    const added = t('history.words', { count: item.addedWords });
    const removed = t('history.words', { count: item.removedWords });
    return t('history.edit.addedAndRemoved', { who, sections, added, removed });
  }
  if (item.addedWords > 0) return t('history.edit.added', { who, sections, words: t('history.words', { count: item.addedWords }) });
  if (item.removedWords > 0) return t('history.edit.removed', { who, sections, words: t('history.words', { count: item.removedWords }) });
  if (item.addedChars > 0 || item.removedChars > 0) return t('history.edit.small', { who, sections });
  return t('history.edit.changed', { who, sections });
}

/** "Megan Evans (Family or friend) ended the review meeting (4 attended, 2 decisions, 1 action)". */
function meetingSentence(meeting: NonNullable<HistoryItem['meeting']>, who: string, t: TFunction): string {
  if (meeting.event === 'started') return t(`history.meeting.started.${meeting.kind}`, { who });
  return t(`history.meeting.ended.${meeting.kind}`, {
    who,
    attended: t('history.meeting.attended', { count: meeting.attended }),
    decisions: t('history.meeting.decisions', { count: meeting.decisions }),
    actions: t('history.meeting.actions', { count: meeting.actions }),
  });
}

function agreementSentence(agreement: NonNullable<HistoryItem['agreement']>, who: string, t: TFunction): string {
  const reason = agreement.reason?.trim() || null;
  switch (agreement.kind) {
    case 'agree':
      return t('history.agreement.agree', { who });
    case 'disagree':
      return reason ? t('history.agreement.disagree', { who, reason }) : t('history.agreement.disagreeNoReason', { who });
    case 'signOff':
      return reason ? t('history.agreement.signOffNote', { who, note: reason }) : t('history.agreement.signOff', { who });
  }
}

function circleSentence(circle: NonNullable<HistoryItem['circle']>, who: string, byId: string | null, language: string, t: TFunction): string {
  const subject = circle.subject?.displayName || t('history.someone');
  const level = circle.level ? t(`circle.level.${circle.level}`) : null;
  const section = circle.sectionId ? sectionList([circle.sectionId], language, t) : t('history.thePlan');
  switch (circle.change) {
    case 'memberAdded':
      // The first member is added by themselves, when they start the plan.
      return !circle.subject || circle.subject.accountId === byId ? t('history.circle.started', { who }) : t('history.circle.memberAdded', { who, subject });
    case 'invitationCreated':
      if (circle.role && level) return t('history.circle.invitationCreatedFor', { who, role: t(`roles.${circle.role}`), level });
      return level ? t('history.circle.invitationCreated', { who, level }) : t('history.circle.invitationCreatedPlain', { who });
    case 'invitationWithdrawn':
      return t('history.circle.invitationWithdrawn', { who });
    case 'invitationAccepted':
      return t('history.circle.invitationAccepted', { who });
    case 'levelChanged':
      return level ? t('history.circle.levelChanged', { who, subject, level }) : t('history.circle.changed', { who });
    case 'planManagerNamed':
      return t('history.circle.planManagerNamed', { who, subject });
    case 'planManagerEnded':
      return t('history.circle.planManagerEnded', { who, subject });
    case 'memberRemoved':
      return t('history.circle.memberRemoved', { who, subject });
    case 'sectionOpened':
      return t('history.circle.sectionOpened', { who, section });
    case 'sectionClosed':
      return t('history.circle.sectionClosed', { who, section });
    default:
      // A kind of change this page does not know yet (a newer server): still say who changed the circle.
      return t('history.circle.changed', { who });
  }
}
