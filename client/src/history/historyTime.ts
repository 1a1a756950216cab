// When a history entry happened, as people in the UK say it: "14:05" today, "3 March 2026 at 14:05" before.

import type { TFunction } from 'i18next';
import { formatDateTime } from '../formatDate.js';

/** "14:05" (24-hour clock, as in both English and Welsh in the UK). */
export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** "3 March 2026" / "3 Mawrth 2026", with our own month names where the browser has no Welsh ones. */
export function formatDay(date: Date, language: string, t: TFunction): string {
  const locale = language === 'cy' ? 'cy' : 'en-GB';
  if (Intl.DateTimeFormat.supportedLocalesOf(locale).length > 0) return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(date);
  return `${date.getDate()} ${t(`dates.month${date.getMonth() + 1}`)} ${date.getFullYear()}`;
}

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** The time alone for today's entries; the date too for older ones. */
export function formatWhen(date: Date, language: string, t: TFunction, now = new Date()): string {
  return sameDay(date, now) ? formatTime(date) : formatDateTime(date, language, t);
}

/** Today's date in the browser, as a date input's value (YYYY-MM-DD). */
export function todayValue(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "The plan as it was on 3 March 2026 at 14:05 (read only)": the heading (and page title) of a past state. */
export function asItWasHeading(until: string, language: string, t: TFunction): string {
  const when = new Date(until);
  return t('history.asItWasHeading', { date: formatDay(when, language, t), time: formatTime(when) });
}
