// Dates as people in the UK write them ("23 November 2026 at 14:05"), in the page's language. Some browsers
// carry no Welsh date names; then the month names come from our own catalogue.

type Translate = (key: string, options?: Record<string, string>) => string;

export function formatDateTime(date: Date, language: string, t: Translate): string {
  const locale = language === 'cy' ? 'cy' : 'en-GB';
  if (Intl.DateTimeFormat.supportedLocalesOf(locale).length > 0) {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  }
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(date);
  const day = `${date.getDate()} ${t(`dates.month${date.getMonth() + 1}`)} ${date.getFullYear()}`;
  return t('dates.dateAtTime', { date: day, time });
}
