// The save indicator's logic: "saved" only when every change this browser made is in the server's on-disk state.

import { describe, expect, it } from 'vitest';
import { allLocalChangesOnDisk, computeSaveState } from '../../shared/saveState.js';

const sv = (entries: [number, number][]) => new Map(entries);

describe('allLocalChangesOnDisk', () => {
  it('is true when the server has saved at least every clock of our client ids', () => {
    expect(allLocalChangesOnDisk(sv([[1, 5]]), sv([[1, 5]]), [1])).toBe(true);
    expect(allLocalChangesOnDisk(sv([[1, 5]]), sv([[1, 9]]), [1])).toBe(true);
  });

  it('is false when any of our client ids has a clock the server has not saved', () => {
    expect(allLocalChangesOnDisk(sv([[1, 5]]), sv([[1, 4]]), [1])).toBe(false);
    expect(allLocalChangesOnDisk(sv([[1, 5]]), sv([]), [1])).toBe(false);
    // Our second client id (after a document rebuild) is behind although the first is saved.
    expect(allLocalChangesOnDisk(sv([[1, 5], [2, 3]]), sv([[1, 5], [2, 2]]), [1, 2])).toBe(false);
  });

  it('ignores other people\'s changes, saved or not', () => {
    expect(allLocalChangesOnDisk(sv([[1, 5], [7, 100]]), sv([[1, 5], [7, 1]]), [1])).toBe(true);
  });

  it('treats a client id that has written nothing as saved', () => {
    expect(allLocalChangesOnDisk(sv([]), sv([]), [1])).toBe(true);
    expect(allLocalChangesOnDisk(sv([[1, 0]]), sv([]), [1])).toBe(true);
  });

  it('accepts any iterable of client ids', () => {
    expect(allLocalChangesOnDisk(sv([[1, 2]]), sv([[1, 2]]), new Set([1]))).toBe(true);
    expect(allLocalChangesOnDisk(sv([[1, 2]]), sv([[1, 1]]), new Set([1]))).toBe(false);
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
