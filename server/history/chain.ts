// The history's chain of hashes. Each entry's hash is SHA-256 over the previous entry's hash and the entry's own
// content (every field but `hash`, as canonical JSON: keys sorted, so the same content always hashes the same).
// Changing, removing or reordering any stored entry breaks the chain at that entry (or at the next one).

import { createHash } from 'node:crypto';
import type { StoredHistoryEntry } from '../storage/types.js';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys in sorted order, at every depth. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(entry: Omit<StoredHistoryEntry, 'hash'>): string {
  const { ...content } = entry as Omit<StoredHistoryEntry, 'hash'> & { hash?: string };
  delete content.hash;
  return createHash('sha256').update(entry.prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  firstBroken: number | null;
  reason: string | null;
  /** When asked to: the entry carrying a hash someone was given earlier (null seq: none does). */
  anchor: { hash: string; seq: number | null } | null;
}

/**
 * Checks numbering, links and hashes from the first entry; reports the first that does not hold. With `anchor` (an
 * entry's hash given out earlier: with a version, an agreement, an export), also checks that the chain still holds
 * that entry: a record rewritten from some entry onwards, every later hash recomputed, holds together but has lost it.
 */
export function verifyChain(entries: readonly StoredHistoryEntry[], anchor?: string): ChainCheck {
  let prev = GENESIS_HASH;
  let anchoredAt: number | null = null;
  const anchorOf = () => (anchor === undefined ? null : { hash: anchor, seq: anchoredAt });
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const seq = i + 1;
    const broken = (reason: string): ChainCheck => ({ ok: false, entries: entries.length, firstBroken: seq, reason, anchor: anchorOf() });
    if (entry.seq !== seq) return broken(`entry ${seq} is numbered ${entry.seq}`);
    if (entry.prevHash !== prev) return broken(`entry ${seq} does not link to the entry before it`);
    if (entryHash(entry) !== entry.hash) return broken(`entry ${seq} does not match its hash: its content was changed`);
    if (entry.hash === anchor) anchoredAt = seq;
    prev = entry.hash;
  }
  if (anchor !== undefined && anchoredAt === null) {
    return {
      ok: false,
      entries: entries.length,
      firstBroken: null,
      reason: 'no entry has the hash you were given: the record was rewritten after it was given out',
      anchor: anchorOf(),
    };
  }
  return { ok: true, entries: entries.length, firstBroken: null, reason: null, anchor: anchorOf() };
}
