// Decides whether a client's Yjs update may be applied to a plan, before anything is applied.
// Refused: bytes Yjs cannot decode; updates that cannot be placed now (a gap in a client's clocks, or a reference
// to content the plan does not have), which Yjs would otherwise hold as "pending" and later integrate under
// another message's origin; shared types outside the plan's sections; content the rich-text editor cannot hold
// where it is put (only elements directly in a section or an element, only text and marks in a text, only small
// attribute values); marks and attributes whose values are too large or too deeply nested (Yjs re-encodes them
// recursively and a deep one overflows the stack mid-transaction); subdocuments and other kinds of content.

import * as Y from 'yjs';
import { LIMITS } from '../../shared/limits.js';
import { dataSpecOf, isValidValue, type ListSpec, type MapSpec } from '../../shared/planData.js';

/**
 * `writers`: the client ids under which the update brings new content (bound to people by the room).
 * `touched`: the root names (sections) the update would change: where its new content goes, and where the content
 * it newly deletes sits. Content the plan already has, and deletions it already has, change nothing and are not
 * counted (a browser re-sends both when it reconnects).
 * `missing`: the update builds on changes the plan does not have, rather than being malformed or forbidden.
 */
export type UpdateCheck =
  | {
      ok: true;
      /** What to apply: the update itself, or, if it repeats content the plan has, only what the plan lacks. */
      update: Uint8Array;
      writers: number[];
      touched: Set<string>;
      /** Client ids whose content the update builds on (its origins, parents and deletions), for the history. */
      references: Set<number>;
    }
  | { ok: false; reason: string; missing: boolean };

type Struct = Y.Item | Y.GC | Y.Skip;
/** Where an item sits: directly in a section, in an element (paragraph, list…), in a text, or unknown. */
type Container = 'section' | 'element' | 'text' | null;

const refuse = (reason: string, missing = false): UpdateCheck => ({ ok: false, reason, missing });

export function checkUpdate(doc: Y.Doc, update: Uint8Array, rootNames: ReadonlySet<string>, reduced = false): UpdateCheck {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    decoded = Y.decodeUpdate(update) as typeof decoded;
  } catch {
    return refuse('update could not be decoded');
  }
  // Pass 1: per client, the update's structs must continue where the plan's stop (overlap is fine: Yjs skips it).
  // `known` is the plan's clock per client, extended by what this update brings.
  const known = new Map<number, number>();
  const writers = new Set<number>();
  const knownClock = (client: number) => known.get(client) ?? Y.getState(doc.store, client);
  // Content the plan already has is skipped by Yjs, whatever the update says about it (its parent, its origins),
  // and an item that starts inside it is cut where the plan's content ends and anchored there. So an update that
  // repeats known content is first reduced to what the plan lacks, exactly as Yjs would integrate it, and that is
  // what is checked and applied: nothing said about known content can steer the check. (Typing never repeats.)
  if (!reduced && decoded.structs.some((s) => s.id.clock < Y.getState(doc.store, s.id.client))) {
    let lacking: Uint8Array;
    try {
      lacking = Y.diffUpdate(update, Y.encodeStateVector(doc));
    } catch {
      return refuse('update could not be decoded');
    }
    return checkUpdate(doc, lacking, rootNames, true);
  }
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) return refuse('update has a gap (skip)');
    const { client, clock } = struct.id;
    const next = knownClock(client);
    if (clock > next) return refuse(`update starts after a gap for client ${client}`, true);
    if (clock + struct.length > next) {
      // Plans keep deleted content (gc off), and so does every Cylch page: new content that arrives already
      // garbage-collected has no section, author or text, and would let anyone write something.
      if (struct instanceof Y.GC) return refuse('update brings garbage-collected content');
      writers.add(client);
    }
    known.set(client, Math.max(next, clock + struct.length));
  }
  const has = (id: Y.ID | null) => id === null || id.clock < knownClock(id.client);
  const found = lookups(doc, decoded.structs);
  const placeOf = containers(found);
  const keyOf = (item: Y.Item) => placeOf(item)[1];
  const dataPathOf = dataPaths(found, keyOf);
  const rootOf = roots(doc, found);
  const touched = new Set<string>();
  const references = new Set<number>(decoded.ds.clients.keys());

  // Pass 2: everything an item points at must exist in the plan or earlier in this update, and what it holds must
  // fit where it is.
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!has(struct.origin) || !has(struct.rightOrigin)) return refuse('update refers to content the plan does not have', true);
    if (struct.origin) references.add(struct.origin.client);
    if (struct.rightOrigin) references.add(struct.rightOrigin.client);
    const parent: unknown = struct.parent;
    if (parent instanceof Y.ID) references.add(parent.client);
    if (typeof parent === 'string') {
      if (!rootNames.has(parent)) return refuse(`update writes to an unknown part of the plan`);
    } else if (parent instanceof Y.ID && !has(parent)) {
      return refuse('update places content inside something the plan does not have', true);
    }
    const root = rootOf(struct);
    // A structured part (the budget…) holds only its own fields and lists; a section holds rich text.
    const spec = root === null ? undefined : dataSpecOf(root);
    const problem =
      spec !== undefined
        ? checkData(spec, dataPathOf(struct), keyOf(struct), struct.content)
        : (checkKind(struct.content) ?? checkPlacement(struct, ...placeOf(struct)));
    if (problem !== null) return refuse(problem);
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) {
      if (root === null) return refuse('update places content where its section cannot be found');
      touched.add(root);
    }
  }
  for (const [client, deletes] of decoded.ds.clients) {
    const end = knownClock(client);
    const planEnd = Y.getState(doc.store, client);
    for (const d of deletes) {
      if (d.clock + d.len > end) return refuse('update deletes content the plan does not have', true);
      // Deletions inside this update's own new content are already counted with it; the rest must be placed.
      const problem = newDeletions(doc, client, d.clock, Math.min(d.clock + d.len, planEnd), touched);
      if (problem !== null) return refuse(problem);
    }
  }
  return { ok: true, update, writers: [...writers], touched, references };
}

/**
 * Finding an id in the update (its structs, per client, in clock order: a binary search, so a large hostile update
 * costs n log n, not n²) and in the plan.
 */
type Lookups = ReturnType<typeof lookups>;

function lookups(doc: Y.Doc, structs: Struct[]) {
  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client) ?? [];
    list.push(s);
    byClient.set(s.id.client, list);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  const inUpdate = (id: Y.ID): Struct | undefined => {
    const list = byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) high = mid - 1;
      else if (id.clock >= s.id.clock + s.length) low = mid + 1;
      else return s;
    }
    return undefined;
  };
  const inPlan = (id: Y.ID): Y.Item | null => {
    if (id.clock >= Y.getState(doc.store, id.client)) return null;
    const found = Y.getItem(doc.store, id);
    return found instanceof Y.Item ? found : null;
  };
  return { inUpdate, inPlan };
}

/** Adds the sections of the plan's content in [from, to) of `client` that is not yet deleted. Returns a problem. */
function newDeletions(doc: Y.Doc, client: number, from: number, to: number, touched: Set<string>): string | null {
  let clock = from;
  while (clock < to) {
    const struct = Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
    if (struct instanceof Y.Item && !struct.deleted) {
      const root = rootOfType(doc, struct.parent);
      if (root === null) return 'update deletes content whose section cannot be found';
      touched.add(root);
    }
    clock = struct.id.clock + struct.length;
  }
  return null;
}

/** The root name of the shared type a type sits in (itself, for a root), or null. */
function rootOfType(doc: Y.Doc, type: unknown): string | null {
  let current = type;
  for (let depth = 0; current instanceof Y.AbstractType; depth++) {
    if (current._item === null) {
      for (const [name, root] of doc.share) if (root === current) return name;
      return null;
    }
    if (depth > 10_000) return null;
    current = current._item.parent;
  }
  return null;
}

/**
 * For an item of the update: the root (section) it belongs to. Like `containers`, it follows parents and origins
 * through the update and into the plan, iteratively (an update may nest deeply), and remembers what it learns.
 */
function roots(doc: Y.Doc, { inUpdate, inPlan }: Lookups): (item: Y.Item) => string | null {
  const memo = new Map<Struct, string | null>();

  return (item) => {
    const chain = new Set<Struct>();
    let current: Struct | undefined = item;
    let answer: string | null = null;
    while (current) {
      const remembered = memo.get(current);
      if (remembered !== undefined) {
        answer = remembered;
        break;
      }
      if (!(current instanceof Y.Item) || chain.has(current)) break;
      chain.add(current);
      const parent: unknown = current.parent;
      if (typeof parent === 'string') {
        answer = parent;
        break;
      }
      let next: Struct | undefined;
      if (parent instanceof Y.ID) {
        next = inUpdate(parent);
        if (!next) {
          const typeItem = inPlan(parent);
          answer = typeItem ? rootOfType(doc, typeItem.parent) : null;
          break;
        }
      } else {
        const ref: Y.ID | null = current.origin ?? current.rightOrigin;
        if (ref === null) break;
        next = inUpdate(ref);
        if (!next) {
          const neighbour = inPlan(ref);
          answer = neighbour ? rootOfType(doc, neighbour.parent) : null;
          break;
        }
      }
      current = next;
    }
    for (const s of chain) memo.set(s, answer);
    return answer;
  };
}

/** Only the kinds of content rich text is made of: never subdocuments, binary, embeds or other shared types. */
function checkKind(content: Y.Item['content']): string | null {
  if (
    content instanceof Y.ContentString ||
    content instanceof Y.ContentFormat ||
    content instanceof Y.ContentAny ||
    content instanceof Y.ContentDeleted
  ) {
    return null;
  }
  if (content instanceof Y.ContentType) {
    const type = content.type;
    return type instanceof Y.XmlElement || type instanceof Y.XmlText ? null : 'update creates a kind of content plans do not hold';
  }
  return 'update holds a kind of content plans do not hold';
}

/** Whether an item's content may sit in its container. Returns why not, or null. */
function checkPlacement(item: Y.Item, container: Container, key: string | null): string | null {
  const content = item.content;
  if (content instanceof Y.ContentDeleted) return null;
  if (container === null) return 'update places content where it cannot be found';
  if (key !== null) {
    // An attribute of an element (or text): a small JSON value.
    if (container === 'section') return 'update sets an attribute on a section';
    return content instanceof Y.ContentAny && content.arr.every(isSmallJson) ? null : 'update sets an attribute the plan cannot hold';
  }
  if (container === 'text') {
    if (content instanceof Y.ContentString) return null;
    if (content instanceof Y.ContentFormat) return content.key.length <= 64 && isSmallJson(content.value) ? null : 'update holds a mark the plan cannot hold';
    return 'update puts something other than text and marks inside a text';
  }
  // Directly in a section or an element: only elements and texts.
  if (content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)) {
    return null;
  }
  return container === 'section' ? 'update puts something other than paragraphs directly in a section' : 'update puts bare content inside an element';
}

/** A JSON value within the size and depth the plan allows, measured without recursion. */
function isSmallJson(value: unknown): boolean {
  let depth = 0;
  let size = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > depth) depth = d;
    if (depth > LIMITS.maxRichTextValueDepth) return false;
    if (typeof v === 'string') size += v.length * 3;
    else size += 8;
    if (size > LIMITS.maxRichTextValueBytes) return false;
    if (v !== null && typeof v === 'object') {
      if (v instanceof Uint8Array) return false;
      for (const [key, child] of Object.entries(v)) {
        size += key.length * 3;
        stack.push([child, d + 1]);
      }
    }
  }
  return true;
}

/** Structured parts nest no deeper than this (a part, its list, a line, a field). */
const MAX_DATA_DEPTH = 6;

/**
 * For an item of a structured part: where it sits, as the keys and list positions ('[]') from the part's root map to
 * its container — [] directly in the part, ['lines', '[]'] in a spending line — or null if that cannot be found.
 * Follows parents and origins through the update and into the plan, remembering what it learns.
 */
function dataPaths({ inUpdate, inPlan }: Lookups, keyOf: (item: Y.Item) => string | null): (item: Y.Item) => string[] | null {
  const memo = new Map<Struct, string[] | null>();
  /** The path of a shared type in the plan, from its root: each step its key in a map, or '[]' in a list. */
  const planPath = (type: unknown): string[] | null => {
    const steps: string[] = [];
    let current = type;
    while (current instanceof Y.AbstractType) {
      if (current._item === null) return steps.reverse();
      if (steps.length > MAX_DATA_DEPTH) return null;
      steps.push(current._item.parentSub ?? '[]');
      current = current._item.parent;
    }
    return null;
  };
  const containerPath = (item: Y.Item, depth: number): string[] | null => {
    if (depth > MAX_DATA_DEPTH) return null;
    const chain = new Set<Struct>();
    let current: Struct | undefined = item;
    let answer: string[] | null = null;
    while (current) {
      const remembered = memo.get(current);
      if (remembered !== undefined) {
        answer = remembered;
        break;
      }
      if (!(current instanceof Y.Item) || chain.has(current)) break;
      chain.add(current);
      const parent: unknown = current.parent;
      if (typeof parent === 'string') {
        answer = [];
        break;
      }
      if (parent instanceof Y.ID) {
        // The parent must be the very item that created the type.
        const inThisUpdate = inUpdate(parent);
        const typeItem = inThisUpdate ?? inPlan(parent);
        if (!(typeItem instanceof Y.Item) || typeItem.id.clock !== parent.clock || !(typeItem.content instanceof Y.ContentType)) break;
        if (inThisUpdate) {
          const above = containerPath(typeItem, depth + 1);
          answer = above === null ? null : [...above, keyOf(typeItem) ?? '[]'];
        } else {
          answer = planPath(typeItem.content.type);
        }
        break;
      }
      const ref: Y.ID | null = current.origin ?? current.rightOrigin;
      if (ref === null) break;
      current = inUpdate(ref);
      if (!current) {
        const neighbour = inPlan(ref);
        answer = neighbour ? planPath(neighbour.parent) : null;
        break;
      }
    }
    for (const s of chain) memo.set(s, answer);
    return answer;
  };
  return (item) => containerPath(item, 0);
}

/**
 * Whether an item of a structured part fits its description (shared/planData.ts): in a record (the part itself, or a
 * line), a known field set to one valid value, or a list field set to a list; in a list, a record. Returns why not.
 */
function checkData(spec: MapSpec, path: string[] | null, key: string | null, content: Y.Item['content']): string | null {
  if (path === null) return 'update places content where its part of the plan cannot be found';
  let container: MapSpec | ListSpec = spec;
  for (const step of path) {
    if ('fields' in container) {
      const list: ListSpec | undefined = step === '[]' ? undefined : (container.fields[step] as ListSpec | undefined);
      if (list?.kind !== 'list') return 'update writes inside something a plan’s structured part does not have';
      container = list;
    } else {
      if (step !== '[]') return 'update writes inside something a plan’s structured part does not have';
      container = container.item;
    }
  }
  if (content instanceof Y.ContentDeleted) return null;
  if ('fields' in container) {
    if (key === null) return 'update puts a list entry where a record belongs';
    const field = container.fields[key];
    if (field === undefined) return `update sets a field a plan’s structured part does not have`;
    if (field.kind === 'list') {
      return content instanceof Y.ContentType && content.type instanceof Y.Array ? null : 'update sets a list field to something other than a list';
    }
    return content instanceof Y.ContentAny && content.arr.length === 1 && isValidValue(field, content.arr[0])
      ? null
      : `update sets ${key} to a value it cannot hold`;
  }
  if (key !== null) return 'update sets a field on a list';
  return content instanceof Y.ContentType && content.type instanceof Y.Map ? null : 'update puts something other than a record in a list';
}

/**
 * For an item of the update: which kind of thing it sits in, and the key it sets if it is an entry of a map (an
 * element's attribute; a field of a structured part), or null for an item of a list. Yjs leaves `parent` and the key
 * out of an item that has an origin and takes both from its origin (or, without one, from its right neighbour), so
 * this follows origins through the update and into the plan, as Yjs does when it places the item.
 */
function containers({ inUpdate, inPlan }: Lookups): (item: Y.Item) => [Container, string | null] {
  /** The kind of a shared type given as the item that created it. */
  const kindOfTypeItem = (typeItem: Struct | Y.Item): Container => {
    if (!(typeItem instanceof Y.Item) || !(typeItem.content instanceof Y.ContentType)) return null;
    const type = typeItem.content.type;
    return type instanceof Y.XmlText ? 'text' : type instanceof Y.XmlElement ? 'element' : null;
  };
  const kindOfType = (type: unknown): Container => {
    if (!(type instanceof Y.AbstractType)) return null;
    if (type._item === null) return 'section';
    return type instanceof Y.XmlText ? 'text' : type instanceof Y.XmlElement ? 'element' : null;
  };
  const memo = new Map<Struct, [Container, string | null]>();
  const unknown: [Container, string | null] = [null, null];

  return (item) => {
    const chain: Struct[] = [];
    let current: Struct | undefined = item;
    let answer = unknown;
    while (current) {
      const remembered = memo.get(current);
      if (remembered !== undefined) {
        answer = remembered;
        break;
      }
      if (!(current instanceof Y.Item) || chain.includes(current)) break; // a GC'd neighbour, or a loop
      chain.push(current);
      const parent: unknown = current.parent;
      if (typeof parent === 'string') {
        answer = ['section', current.parentSub];
        break;
      }
      if (parent instanceof Y.ID) {
        // The parent must be the very item that created the type, not the middle of something else.
        const typeItem = inUpdate(parent) ?? inPlan(parent);
        answer = [typeItem && typeItem.id.clock === parent.clock ? kindOfTypeItem(typeItem) : null, current.parentSub];
        break;
      }
      const ref: Y.ID | null = current.origin ?? current.rightOrigin;
      if (ref === null) break;
      current = inUpdate(ref);
      if (!current) {
        const neighbour = inPlan(ref);
        answer = neighbour ? [kindOfType(neighbour.parent), neighbour.parentSub] : unknown;
        break;
      }
    }
    for (const s of chain) memo.set(s, answer);
    return answer;
  };
}
