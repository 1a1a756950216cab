// The history's chain of hashes: any change, removal, insertion or reordering of stored entries is found.

import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH, verifyChain } from '../../server/history/chain.js';
import type { StoredHistoryEntry } from '../../server/storage/types.js';

function chain(count: number): StoredHistoryEntry[] {
  const entries: StoredHistoryEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const unsealed = {
      seq,
      at: `2026-12-01T10:00:0${seq}.000Z`,
      until: `2026-12-01T10:00:0${seq}.000Z`,
      kind: 'edit' as const,
      accountId: seq % 2 ? 'account-sam-0000000000' : 'account-megan-00000000',
      role: seq % 2 ? ('person' as const) : ('family' as const),
      onBehalf: false,
      sections: ['aboutMe' as const],
      addedChars: seq,
      removedChars: 0,
      addedWords: 1,
      removedWords: 0,
      clients: [[seq, seq * 10]] as [number, number][],
      updates: ['AAA='],
      circleIndex: null,
      circle: null,
      prevHash: prev,
    };
    const entry = { ...unsealed, hash: entryHash(unsealed) };
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

describe('the history chain', () => {
  it('holds for entries as written, whatever order their keys are read in', () => {
    const entries = chain(5);
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 5, firstBroken: null, reason: null, anchor: null });
    const reordered = entries.map((e) => Object.fromEntries(Object.entries(e).reverse()) as unknown as StoredHistoryEntry);
    expect(verifyChain(reordered).ok).toBe(true);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
  });

  it('finds a changed entry, at that entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, addedWords: 40 };
    expect(verifyChain(entries)).toMatchObject({ ok: false, firstBroken: 3 });
    const renamed = chain(5);
    renamed[1] = { ...renamed[1]!, accountId: 'account-sam-0000000000' };
    expect(verifyChain(renamed)).toMatchObject({ ok: false, firstBroken: 2 });
  });

  it('finds a changed entry even when its own hash was recomputed: the next link breaks', () => {
    const entries = chain(5);
    const forged = { ...entries[2]!, addedWords: 40 };
    entries[2] = { ...forged, hash: entryHash(forged) };
    expect(verifyChain(entries)).toMatchObject({ ok: false, firstBroken: 4 });
  });

  it('finds removed, inserted and reordered entries', () => {
    const removed = chain(5);
    removed.splice(1, 1);
    expect(verifyChain(removed)).toMatchObject({ ok: false, firstBroken: 2 });
    const swapped = chain(5);
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, firstBroken: 2 });
    const inserted = chain(5);
    inserted.splice(2, 0, { ...inserted[2]! });
    expect(verifyChain(inserted)).toMatchObject({ ok: false, firstBroken: 4 });
  });

  it('with a hash given out earlier, finds a record rewritten from some entry on with every later hash recomputed', () => {
    const entries = chain(5);
    const given = entries[2]!.hash; // handed to someone with an agreement at entry 3
    expect(verifyChain(entries, given)).toMatchObject({ ok: true, anchor: { hash: given, seq: 3 } });
    // Entry 2 changed and the chain re-sealed from there: it holds together, but no longer holds entry 3 as given.
    const rewritten = chain(5);
    let prev = rewritten[0]!.hash;
    for (let i = 1; i < rewritten.length; i++) {
      const changed = { ...rewritten[i]!, prevHash: prev, addedWords: i === 1 ? 40 : rewritten[i]!.addedWords };
      rewritten[i] = { ...changed, hash: entryHash(changed) };
      prev = rewritten[i]!.hash;
    }
    expect(verifyChain(rewritten).ok).toBe(true);
    expect(verifyChain(rewritten, given)).toMatchObject({ ok: false, firstBroken: null, anchor: { hash: given, seq: null } });
  });
});
