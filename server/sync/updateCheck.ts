// Decides whether a client's Yjs update may be applied to a plan, before anything is applied.
// Refused: bytes Yjs cannot decode; updates that cannot be placed now (a gap in a client's clocks, or a reference
// to content the plan does not have), which Yjs would otherwise hold as "pending" and later integrate under
// another message's origin; shared types outside the plan's sections; subdocuments and legacy content kinds.

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
  }
  for (const [client, deletes] of decoded.ds.clients) {
    const end = knownClock(client);
    for (const d of deletes) {
      if (d.clock + d.len > end) return refuse('update deletes content the plan does not have', true);
    }
  }
  return { ok: true };
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
