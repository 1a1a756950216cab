// A structured part of the plan (shared/planData.ts) as React state: its root Y.Map read as JSON whenever anyone
// changes it, and a way to change one field. Reading goes through the shared readers, so a value that is not what
// the part holds reads as empty; writing sets one field in one transaction (last writer wins per field: two people
// changing different fields or different lines both keep their changes).

import { useCallback, useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';

export function usePartJson(doc: Y.Doc, root: string): Record<string, unknown> {
  const map = doc.getMap(root);
  const [json, setJson] = useState(() => map.toJSON() as Record<string, unknown>);
  useEffect(() => {
    const update = () => setJson(map.toJSON() as Record<string, unknown>);
    update();
    map.observeDeep(update);
    return () => map.unobserveDeep(update);
  }, [map]);
  return json;
}

/** Sets `key` of the record `target` (the part itself, or one of its lines) to `value` (null clears it). */
export function useSetField(doc: Y.Doc) {
  return useCallback(
    (target: Y.Map<unknown>, key: string, value: unknown) => {
      if (target.get(key) === value) return;
      doc.transact(() => target.set(key, value));
    },
    [doc],
  );
}

/** A short random id for a new line (letters and digits: what the part's `id` fields hold). */
export function newLineId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[b % 62]).join('');
}

/** The Y.Array of a part's list field, created (in the same transaction as `then`) when it is not there yet. */
export function listOf(doc: Y.Doc, root: string, key: string, then: (list: Y.Array<Y.Map<unknown>>) => void): void {
  const map = doc.getMap(root);
  doc.transact(() => {
    let list = map.get(key);
    if (!(list instanceof Y.Array)) {
      list = new Y.Array<Y.Map<unknown>>();
      map.set(key, list);
    }
    then(list as Y.Array<Y.Map<unknown>>);
  });
}

/** The record of a line by its id, or null if it has gone (removed by someone else). */
export function lineById(doc: Y.Doc, root: string, key: string, id: string): Y.Map<unknown> | null {
  const list = doc.getMap(root).get(key);
  if (!(list instanceof Y.Array)) return null;
  for (const item of list.toArray() as unknown[]) {
    if (item instanceof Y.Map && item.get('id') === id) return item as Y.Map<unknown>;
  }
  return null;
}

/**
 * Editing one list of a part (spending lines, outcomes, actions, people who act for the person): add a record (its
 * first field, `firstFieldId(id)`, takes the focus once it is drawn), remove one, set one of its fields.
 */
export function useListEditor(doc: Y.Doc, root: string, key: string, firstFieldId: (id: string) => string) {
  const setField = useSetField(doc);
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current === null) return;
    const field = document.getElementById(firstFieldId(pending.current));
    if (field) {
      field.focus();
      pending.current = null;
    }
  });
  return {
    add: () => {
      const id = newLineId();
      pending.current = id;
      listOf(doc, root, key, (list) => list.push([new Y.Map<unknown>([['id', id]])]));
    },
    remove: (id: string) =>
      listOf(doc, root, key, (list) => {
        const at = (list.toArray() as unknown[]).findIndex((item) => item instanceof Y.Map && item.get('id') === id);
        if (at >= 0) list.delete(at, 1);
      }),
    set: (id: string, field: string, value: unknown) => {
      const record = lineById(doc, root, key, id);
      if (record) setField(record, field, value);
    },
  };
}
