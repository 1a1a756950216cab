// How versions and the two ends of a comparison are named on the page: "“Draft for review” (3 March 2026 at 14:05)",
// "The plan as it was on 3 March 2026 at 14:05", and the compare page's heading built from them.

import type { TFunction } from 'i18next';
import type { ComparePoint, PlanComparison } from '../../../shared/versions.js';
import { formatDay, formatTime } from '../history/historyTime.js';

/** "3 March 2026 at 14:05" / "3 Mawrth 2026 am 14:05": always the day, so two versions of one day are told apart. */
export function pointWhen(at: string, language: string, t: TFunction): string {
  const date = new Date(at);
  return t('dates.dateAtTime', { date: formatDay(date, language, t), time: formatTime(date) });
}

/** A version by its name and when it was saved. The quotation marks are the same in English and Welsh. */
export function versionLabel(name: string, at: string, language: string, t: TFunction): string {
  return `“${name}” (${pointWhen(at, language, t)})`;
}

/** "“Draft” (3 March 2026 at 14:05) compared with the plan now", and the like. */
export function comparisonHeading(comparison: Pick<PlanComparison, 'from' | 'to' | 'toNow'>, language: string, t: TFunction): string {
  const from = startLabel(comparison.from, language, t);
  const { to } = comparison;
  if (comparison.toNow && to.versionName !== null) return t('compare.headingToVersionNow', { from, to: versionLabel(to.versionName, to.at, language, t) });
  if (comparison.toNow) return t('compare.headingToNow', { from });
  if (to.versionName !== null) return t('compare.headingToVersion', { from, to: versionLabel(to.versionName, to.at, language, t) });
  return t('compare.headingToPoint', { from, when: pointWhen(to.at, language, t) });
}

function startLabel(point: ComparePoint, language: string, t: TFunction): string {
  return point.versionName !== null ? versionLabel(point.versionName, point.at, language, t) : t('compare.fromPoint', { when: pointWhen(point.at, language, t) });
}

/** Where the comparison of `from` (and `to`, left out: the plan now) lives. */
export function comparePath(planId: string, from: number, to?: number): string {
  const query = new URLSearchParams({ from: String(from) });
  if (to !== undefined) query.set('to', String(to));
  return `/plans/${encodeURIComponent(planId)}/compare?${query.toString()}`;
}
