// The record of a meeting as blocks (planCopy.ts's Block), drawn as PDF or Word by pdfCopy/docxCopy: what kind of
// meeting, when, who ran it and who attended, the decisions under each agenda item, the actions captured (as the plan
// has them now) and the agreements given during it. Labels come from the catalogues in the language asked for;
// people's words (decisions, actions, reasons) are never translated. Times are UK times (Europe/London).

import type { HistoryPerson } from '../../shared/history.js';
import { AGENDA, type MeetingRecord } from '../../shared/meeting.js';
import { translate, type Block, type Language } from './planCopy.js';

export interface MeetingRecordInput {
  record: MeetingRecord;
  planTitle: string | null;
  language: Language;
  madeAt: Date;
}

const ZONE = 'Europe/London';

/** "Meeting record — Sam's plan": the record's title, also its file's title. */
export function meetingRecordTitle(planTitle: string | null, language: Language): string {
  return translate(language, 'meetingRecord.title', { title: planTitle ?? translate(language, 'home.untitled') });
}

export function meetingRecordBlocks(input: MeetingRecordInput): Block[] {
  const { record, language } = input;
  const { meeting } = record;
  const t = (key: string, values?: Record<string, string | number>) => translate(language, key, values);
  const locale = language === 'cy' ? 'cy' : 'en-GB';
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: ZONE }).format(new Date(iso));
  const time = (iso: string) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE }).format(new Date(iso));
  const day = (d: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
  const person = (p: HistoryPerson) => `${p.displayName || t('history.someoneStart')} (${t(`roles.${p.role}`)})`;

  const blocks: Block[] = [{ kind: 'title', text: meetingRecordTitle(input.planTitle, language) }];
  const line = (text: string) => blocks.push({ kind: 'paragraph', text });
  line(t(`meetingRecord.kind.${meeting.kind}`));
  line(t('meetingRecord.date', { date: date(meeting.startedAt) }));
  line(t('meetingRecord.started', { time: time(meeting.startedAt) }));
  line(meeting.endedAt ? t('meetingRecord.ended', { time: time(meeting.endedAt) }) : t('meetingRecord.notEnded'));
  line(t('meetingRecord.facilitator', { name: person(meeting.facilitator) }));
  if (meeting.agreementRoundAt) line(t('meetingRecord.agreementRound', { time: time(meeting.agreementRoundAt) }));

  blocks.push({ kind: 'heading', level: 1, text: t('meetingRecord.attendeesHeading') });
  for (const a of meeting.attendees) {
    blocks.push({ kind: 'item', ordered: false, depth: 1, text: t('meetingRecord.attendee', { name: person(a.person), time: time(a.joinedAt) }) });
  }

  // Decisions under the agenda item they were made in, in the agenda's order.
  blocks.push({ kind: 'heading', level: 1, text: t('meetingRecord.decisionsHeading') });
  if (meeting.decisions.length === 0) line(t('meetingRecord.noDecisions'));
  AGENDA.forEach((sectionId, index) => {
    const made = meeting.decisions.filter((d) => d.sectionId === sectionId);
    if (made.length === 0) return;
    blocks.push({ kind: 'heading', level: 2, text: `${index + 1}. ${t(`sections.${sectionId}.heading`)}` });
    for (const d of made) blocks.push({ kind: 'item', ordered: false, depth: 1, text: `${d.text} — ${person(d.by)}, ${time(d.at)}` });
  });

  blocks.push({ kind: 'heading', level: 1, text: t('meetingRecord.actionsHeading') });
  if (record.actions.length === 0) line(t('meetingRecord.noActions'));
  else {
    blocks.push({
      kind: 'table',
      header: [t('actions.what'), t('actions.who'), t('actions.byWhen'), t('actions.done')],
      rows: record.actions.map((a) => [a.what, a.who, a.byWhen ? day(a.byWhen) : '', a.done ? t('meetingRecord.yes') : t('meetingRecord.no')]),
    });
  }

  blocks.push({ kind: 'heading', level: 1, text: t('meetingRecord.agreementsHeading') });
  if (record.agreements.length === 0) line(t('meetingRecord.noAgreements'));
  for (const s of record.agreements) {
    const said = t(`copy.said.${s.kind}`, { reason: s.reason ?? '' }).replace(/[:：]\s*$/, '').trim();
    blocks.push({ kind: 'item', ordered: false, depth: 1, text: `${person(s.by)}: ${said} — ${time(s.at)}` });
  }

  line(t('meetingRecord.madeOn', { date: date(input.madeAt.toISOString()), time: time(input.madeAt.toISOString()) }));
  return blocks;
}
