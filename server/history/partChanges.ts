// What changed in a section's structured parts (the budget, outcomes, actions, review dates…) between two points of
// the history, field by field: a pure comparison of the parts' JSON, driven by their description in
// shared/planData.ts, and who made each change, from the Yjs item that holds the value (as text changes are found).
// Empty values (null, '', a field never given) are all "not given", as the content hash reads them; a list's lines
// are matched by their stable id, so a line edited, moved or written again by a restore is the same line.

import * as Y from 'yjs';
import { DATA_PARTS, type DataPart, type ListSpec, type MapSpec, type ValueSpec } from '../../shared/planData.js';
import type { SectionId } from '../../shared/sections.js';
import type { DiffChange, PartChange, PartRecord, PartValue } from '../../shared/versions.js';

type Json = Record<string, unknown>;
/** A change as the parts' JSON shows it, before anyone is named for it. */
export type FoundPartChange = Omit<PartChange, 'accountId' | 'at'>;

/** The structured parts of a section, in the order shared/planData.ts describes them. */
export function partsOfSection(sectionId: SectionId): DataPart[] {
  return (Object.keys(DATA_PARTS) as DataPart[]).filter((part) => DATA_PARTS[part].sectionId === sectionId);
}

const specOf = (part: DataPart) => DATA_PARTS[part].spec as MapSpec;
const isRecord = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A field's value as it reads: null when empty; a yes-or-no field left out reads as no. */
function valueOf(spec: ValueSpec, value: unknown): PartValue {
  if (spec.kind === 'boolean') return value === true;
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/** A line of a list, field by field in the description's order. */
function recordOf(item: MapSpec, raw: Json): PartRecord {
  const record: PartRecord = {};
  for (const [key, spec] of Object.entries(item.fields)) if (spec.kind !== 'list') record[key] = valueOf(spec, raw[key]);
  return record;
}

/** A list's lines by id (a line without one, which the plan never writes, by its place). */
function linesOf(item: MapSpec, raw: unknown): Map<string, PartRecord> {
  const lines = new Map<string, PartRecord>();
  (Array.isArray(raw) ? (raw as unknown[]) : []).filter(isRecord).forEach((line, i) => {
    const record = recordOf(item, line);
    lines.set(typeof record.id === 'string' ? record.id : `#${i}`, record);
  });
  return lines;
}

/** A whole line that says nothing at all (only its id) is not worth reporting as added or removed. */
const saysSomething = (record: PartRecord) => Object.entries(record).some(([key, value]) => key !== 'id' && value !== null && value !== false);

/** How a field changed (a yes-or-no is never empty: it changes), or null when it reads the same. */
function fieldChange(before: PartValue, after: PartValue): PartChange['kind'] | null {
  if (before === after) return null;
  if (typeof before === 'boolean' || typeof after === 'boolean') return 'changed';
  return before === null ? 'added' : after === null ? 'removed' : 'changed';
}

/**
 * The changes to one structured part between two of its JSON values (`Y.Map.toJSON()` of its root): its own fields
 * first, in the description's order, then each list: lines there now (changed or added) in their order, then lines
 * removed.
 */
export function diffPart(part: DataPart, before: Json, after: Json): FoundPartChange[] {
  const changes: FoundPartChange[] = [];
  const fields = Object.entries(specOf(part).fields);
  for (const [field, spec] of fields) {
    if (spec.kind === 'list') continue;
    const [was, now] = [valueOf(spec, before[field]), valueOf(spec, after[field])];
    const kind = fieldChange(was, now);
    if (kind) changes.push({ part, list: null, itemId: null, field, kind, before: was, after: now, line: null });
  }
  for (const [list, spec] of fields) {
    if (spec.kind === 'list') changes.push(...diffList(part, list, spec, before[list], after[list]));
  }
  return changes;
}

function diffList(part: DataPart, list: string, spec: ListSpec, before: unknown, after: unknown): FoundPartChange[] {
  const changes: FoundPartChange[] = [];
  const [was, now] = [linesOf(spec.item, before), linesOf(spec.item, after)];
  for (const [itemId, line] of now) {
    const old = was.get(itemId);
    if (!old) {
      if (saysSomething(line)) changes.push({ part, list, itemId, field: null, kind: 'added', before: null, after: line, line });
      continue;
    }
    for (const field of Object.keys(line)) {
      const kind = field === 'id' ? null : fieldChange(old[field] ?? null, line[field] ?? null);
      if (kind) changes.push({ part, list, itemId, field, kind, before: old[field] ?? null, after: line[field] ?? null, line });
    }
  }
  for (const [itemId, line] of was) {
    if (!now.has(itemId) && saysSomething(line)) changes.push({ part, list, itemId, field: null, kind: 'removed', before: line, after: null, line });
  }
  return changes;
}

/** A section's structured parts as they were at a point: their JSON, and the Yjs item of each line (by list and id). */
export interface PartsThen {
  json: Map<DataPart, Json>;
  lines: Map<string, Y.Item>;
}

const lineKey = (part: DataPart, list: string, itemId: string) => `${part}\u0000${list}\u0000${itemId}`;

/** The lines of a part's lists in the document as it is now, each with the Yjs item that holds it. */
function lineItems(doc: Y.Doc, part: DataPart, into: Map<string, Y.Item>): void {
  const root = doc.getMap(DATA_PARTS[part].root);
  for (const [list, spec] of Object.entries(specOf(part).fields)) {
    const lines = root.get(list);
    if (spec.kind !== 'list' || !(lines instanceof Y.Array)) continue;
    lines.toArray().forEach((line: unknown, i) => {
      if (!(line instanceof Y.Map) || line._item === null) return;
      const id: unknown = line.get('id');
      into.set(lineKey(part, list, typeof id === 'string' ? id : `#${i}`), line._item);
    });
  }
}

/** Notes a section's structured parts as the document has them now (the first point of a comparison). */
export function partsThen(doc: Y.Doc, sectionId: SectionId): PartsThen {
  const then: PartsThen = { json: new Map(), lines: new Map() };
  for (const part of partsOfSection(sectionId)) {
    then.json.set(part, doc.getMap(DATA_PARTS[part].root).toJSON() as Json);
    lineItems(doc, part, then.lines);
  }
  return then;
}

/**
 * The changes to a section's structured parts from `then` to the document as it is now (the second point), each
 * with who made it: whoever wrote the item that holds the value now, or, for a value or line taken away, whoever
 * deleted the item that held it (`change` finds them, as for text).
 */
export function sectionPartChanges(
  doc: Y.Doc,
  sectionId: SectionId,
  then: PartsThen,
  change: (type: 'added' | 'removed', id: Y.ID) => DiffChange,
): PartChange[] {
  const linesNow = new Map<string, Y.Item>();
  for (const part of partsOfSection(sectionId)) lineItems(doc, part, linesNow);
  const who = (type: 'added' | 'removed', item: Y.Item | null | undefined) => {
    if (!item) return { accountId: null, at: null };
    const { accountId, at } = change(type, item.id);
    return { accountId, at };
  };
  return partsOfSection(sectionId).flatMap((part) => {
    const root = doc.getMap(DATA_PARTS[part].root);
    return diffPart(part, then.json.get(part) ?? {}, root.toJSON() as Json).map((found): PartChange => {
      if (found.list === null || found.itemId === null) return { ...found, ...whoSet(root, found.field!, who) };
      const key = lineKey(part, found.list, found.itemId);
      if (found.kind === 'removed' && found.field === null) return { ...found, ...who('removed', firstDeleted(then.lines.get(key))) };
      const line = linesNow.get(key);
      if (found.field === null) return { ...found, ...who('added', line) };
      return { ...found, ...(line?.content instanceof Y.ContentType ? whoSet(line.content.type as Y.Map<unknown>, found.field, who) : who('added', null)) };
    });
  });
}

/** Who set a map's field as it is now: the writer of its value, or whoever deleted the value it had. */
function whoSet(map: Y.Map<unknown>, field: string, who: (type: 'added' | 'removed', item: Y.Item | null | undefined) => Pick<PartChange, 'accountId' | 'at'>) {
  const item = map._map.get(field);
  return item?.deleted ? who('removed', item) : who('added', item);
}

/** The item that took a line away: the line's own, or the list's or field's it sat in, whichever was deleted. */
function firstDeleted(item: Y.Item | undefined): Y.Item | null {
  for (let current: Y.Item | null = item ?? null; current !== null; current = (current.parent as Y.AbstractType<unknown>)._item) {
    if (current.deleted) return current;
  }
  return null;
}
