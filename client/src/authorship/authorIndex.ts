// The server's answer to "who wrote under this Yjs client id, and when", arranged for quick look-ups while the plan's
// text is coloured. Nothing here trusts the document: a client id the server never bound is "author not recorded".

import type { HistoryAuthors, HistoryPerson } from '../../../shared/history.js';
import { colorForName, PRESENCE_COLORS } from '../../../shared/presence.js';

export interface Author extends HistoryPerson {
  /** Index into PRESENCE_COLORS: the same colour as the person's caret (from their name). */
  colorIndex: number;
}

/** A stretch of one Yjs client's clocks written by one member in one burst (`at` null: not in the record yet). */
export interface AuthorRun {
  offset: number;
  length: number;
  accountId: string | null;
  at: string | null;
}

export interface AuthorIndex {
  authors: Author[];
  author(accountId: string): Author | undefined;
  /** Who wrote `length` units of `client`'s content from `clock`, split where the burst or the author changes. */
  runs(client: number, clock: number, length: number): AuthorRun[];
}

export function buildAuthorIndex(answer: HistoryAuthors): AuthorIndex {
  const byAccount = new Map<string, Author>();
  for (const person of answer.people) {
    const color = colorForName(person.displayName);
    byAccount.set(person.accountId, { ...person, colorIndex: Math.max(0, PRESENCE_COLORS.indexOf(color as (typeof PRESENCE_COLORS)[number])) });
  }
  const clientAccount = new Map<number, string>(answer.clients);
  const spans = new Map<number, { from: number; to: number; accountId: string; at: string }[]>();
  for (const [client, from, to, accountId, at] of answer.spans) {
    if (!spans.has(client)) spans.set(client, []);
    spans.get(client)!.push({ from, to, accountId, at });
  }
  for (const list of spans.values()) list.sort((a, b) => a.from - b.from);

  return {
    authors: [...byAccount.values()],
    author: (accountId) => byAccount.get(accountId),
    runs(client, clock, length) {
      const bound = clientAccount.get(client) ?? null;
      const out: AuthorRun[] = [];
      const push = (start: number, end: number, accountId: string | null, at: string | null) => {
        if (end <= start) return;
        const last = out.at(-1);
        if (last && last.accountId === accountId && last.at === at && last.offset + last.length === start - clock) last.length += end - start;
        else out.push({ offset: start - clock, length: end - start, accountId, at });
      };
      let at = clock;
      const end = clock + length;
      for (const span of spans.get(client) ?? []) {
        if (span.to <= at) continue;
        if (span.from >= end) break;
        push(at, Math.min(span.from, end), bound, null); // not in a recorded burst (yet)
        const from = Math.max(span.from, at);
        const to = Math.min(span.to, end);
        push(from, to, span.accountId, span.at);
        at = to;
      }
      push(at, end, bound, null);
      return out;
    },
  };
}
