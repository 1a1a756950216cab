// The save indicator's logic: "saved" only when the server has answered a checkpoint asked after every change made here.

import { describe, expect, it } from 'vitest';
import { computeSaveState, SaveTracker } from '../../shared/saveState.js';


describe('SaveTracker', () => {
  const tracker = (canAsk = () => true) => {
    const asked: number[] = [];
    const t = new SaveTracker((token) => {
      if (!canAsk()) return false;
      asked.push(token);
      return true;
    });
    return { t, asked };
  };

  it('is saved with no changes, and not after a change until its checkpoint is answered', () => {
    const { t, asked } = tracker();
    expect(t.allSaved).toBe(true);
    t.localChange();
    expect(t.allSaved).toBe(false);
    t.askIfNeeded(true);
    expect(asked).toEqual([1]);
    expect(t.answered(1)).toBe(true);
    expect(t.allSaved).toBe(true);
  });

  it('does not count changes made after asking as saved by that answer (deletions included)', () => {
    const { t, asked } = tracker();
    t.localChange();
    t.askIfNeeded(true);
    t.localChange(); // e.g. a Backspace while the first question is out
    t.askIfNeeded(true); // one question at a time
    expect(asked).toEqual([1]);
    t.answered(1);
    expect(t.allSaved).toBe(false);
    t.askIfNeeded(true);
    expect(asked).toEqual([1, 2]);
    t.answered(2);
    expect(t.allSaved).toBe(true);
  });

  it('asks only when connected and synced, and asks again after the connection drops', () => {
    const { t, asked } = tracker();
    t.localChange();
    t.askIfNeeded(false);
    expect(asked).toEqual([]);
    t.askIfNeeded(true);
    t.connectionLost(); // the answer to 1 will never come…
    expect(t.answered(1)).toBe(false); // …and if it somehow did, it is not trusted
    expect(t.allSaved).toBe(false);
    t.askIfNeeded(true);
    expect(asked).toEqual([1, 2]);
    expect(t.answered(7)).toBe(false); // an answer to a question never asked changes nothing
    expect(t.allSaved).toBe(false);
    expect(t.answered(2)).toBe(true);
    expect(t.allSaved).toBe(true);
  });

  it('stays unsaved if the question could not be sent', () => {
    let open = false;
    const { t, asked } = tracker(() => open);
    t.localChange();
    t.askIfNeeded(true);
    expect(asked).toEqual([]);
    open = true;
    t.askIfNeeded(true);
    expect(asked).toEqual([2]);
  });
});

describe('computeSaveState', () => {
  it('says saved or saving while connected', () => {
    expect(computeSaveState({ connection: 'connected', everConnected: true, allSaved: true })).toBe('saved');
    expect(computeSaveState({ connection: 'connected', everConnected: true, allSaved: false })).toBe('saving');
  });

  it('says connecting before the first connection, whatever the local state', () => {
    for (const connection of ['connecting', 'disconnected'] as const) {
      for (const allSaved of [true, false]) {
        expect(computeSaveState({ connection, everConnected: false, allSaved })).toBe('connecting');
      }
    }
  });

  it('distinguishes offline with and without unsaved changes once it has been connected', () => {
    for (const connection of ['connecting', 'disconnected'] as const) {
      expect(computeSaveState({ connection, everConnected: true, allSaved: true })).toBe('offlineSaved');
      expect(computeSaveState({ connection, everConnected: true, allSaved: false })).toBe('offlineUnsaved');
    }
  });
});
