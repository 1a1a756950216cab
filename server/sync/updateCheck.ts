// Decides whether a client's Yjs update may be applied to a plan, before anything is applied.
// Refused: bytes Yjs cannot decode; updates that cannot be placed now (a gap in a client's clocks, or a reference
// to content the plan does not have), which Yjs would otherwise hold as "pending" and later integrate under
// another message's origin; shared types outside the plan's sections; anything but rich-text elements placed
// directly in a section (the editor could not show it); subdocuments and legacy content kinds.

import * as Y from 'yjs';

/** `missing`: the update builds on changes the plan does not have, rather than being malformed or forbidden. */
export type UpdateCheck = { ok: true } | { ok: false; reason: string; missing: boolean };

type Struct = Y.Item | Y.GC | Y.Skip;

const refuse = (reason: string, missing = false): UpdateCheck => ({ ok: false, reason, missing });

export function checkUpdate(doc: Y.Doc, update: Uint8Array, rootNames: ReadonlySet<string>): UpdateCheck {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    decoded = Y.decodeUpdate(update) as typeof decoded;
  } catch {
    return refuse('update could not be decoded');
  }
  // Pass 1: per client, the update's structs must continue where the plan's stop (overlap is fine: Yjs skips it).
  // `known` is the plan's clock per client, extended by what this update brings.
  const known = new Map<number, number>();
  const knownClock = (client: number) => known.get(client) ?? Y.getState(doc.store, client);
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) return refuse('update has a gap (skip)');
    const { client, clock } = struct.id;
    const next = knownClock(client);
    if (clock > next) return refuse(`update starts after a gap for client ${client}`, true);
    known.set(client, Math.max(next, clock + struct.length));
  }
  const has = (id: Y.ID | null) => id === null || id.clock < knownClock(id.client);
  // Types created by this update, so a child in the same update can name one as its parent.
  const newTypes = new Set<string>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) newTypes.add(idKey(struct.id));
  }
  const isType = (id: Y.ID) => {
    if (newTypes.has(idKey(id))) return true;
    if (id.clock >= Y.getState(doc.store, id.client)) return false;
    const item = Y.getItem(doc.store, id);
    return item instanceof Y.Item && item.id.clock === id.clock && item.content instanceof Y.ContentType;
  };

  const sitsInSection = sectionMembership(doc, decoded.structs);

  // Pass 2: everything an item points at must exist in the plan or earlier in this update.
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!has(struct.origin) || !has(struct.rightOrigin)) return refuse('update refers to content the plan does not have', true);
    const parent: unknown = struct.parent;
    if (typeof parent === 'string') {
      if (!rootNames.has(parent)) return refuse(`update writes to an unknown part of the plan: ${parent.slice(0, 40)}`);
    } else if (parent instanceof Y.ID) {
      if (!has(parent)) return refuse('update places content inside something the plan does not have', true);
      if (!isType(parent)) return refuse('update places content inside something that cannot hold it');
    }
    const contentCheck = checkContent(struct.content);
    if (contentCheck !== null) return refuse(contentCheck);
    const inSection = sitsInSection(struct);
    if (inSection === null) return refuse('update places content where it cannot be found');
    if (inSection && !holdsElements(struct)) return refuse('update puts something other than paragraphs directly in a section');
  }
  for (const [client, deletes] of decoded.ds.clients) {
    const end = knownClock(client);
    for (const d of deletes) {
      if (d.clock + d.len > end) return refuse('update deletes content the plan does not have', true);
    }
  }
  return { ok: true };
}

/**
 * For an item of the update: whether it sits directly in a section (a root type), rather than inside an element;
 * null when that cannot be worked out. Yjs leaves `parent` out of an item that has an origin and takes the origin's
 * parent, so this follows origins through the update and into the plan.
 */
function sectionMembership(doc: Y.Doc, structs: Struct[]): (item: Y.Item) => boolean | null {
  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client) ?? [];
    list.push(s);
    byClient.set(s.id.client, list);
  }
  const inUpdate = (id: Y.ID): Struct | undefined =>
    byClient.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length);
  const memo = new Map<Struct, boolean | null>();

  return (item) => {
    const chain: Struct[] = [];
    let current: Struct | undefined = item;
    let answer: boolean | null = null;
    while (current) {
      const known = memo.get(current);
      if (known !== undefined) {
        answer = known;
        break;
      }
      if (!(current instanceof Y.Item) || chain.includes(current)) break; // a GC'd neighbour, or a loop
      chain.push(current);
      const parent: unknown = current.parent;
      if (typeof parent === 'string') {
        answer = true;
        break;
      }
      if (parent !== null) {
        answer = false;
        break;
      }
      const ref: Y.ID | null = current.origin ?? current.rightOrigin;
      if (ref === null) break;
      current = inUpdate(ref);
      if (!current) {
        const neighbour = ref.clock < Y.getState(doc.store, ref.client) ? Y.getItem(doc.store, ref) : null;
        answer = neighbour instanceof Y.Item ? (neighbour.parent as Y.AbstractType<unknown> | null)?._item === null : null;
        break;
      }
    }
    for (const s of chain) memo.set(s, answer);
    return answer;
  };
}

/** A section holds paragraphs and other elements, never bare text or attributes. */
function holdsElements(item: Y.Item): boolean {
  if (item.parentSub !== null) return false;
  const content = item.content;
  return content instanceof Y.ContentDeleted || (content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText));
}

function checkContent(content: Y.Item['content']): string | null {
  if (
    content instanceof Y.ContentString ||
    content instanceof Y.ContentFormat ||
    content instanceof Y.ContentAny ||
    content instanceof Y.ContentDeleted ||
    content instanceof Y.ContentEmbed
  ) {
    return null;
  }
  if (content instanceof Y.ContentType) {
    const type = content.type;
    return type instanceof Y.XmlElement || type instanceof Y.XmlText ? null : 'update creates a kind of content plans do not hold';
  }
  return 'update holds a kind of content plans do not hold';
}

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;
