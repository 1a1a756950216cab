// Checks a client's awareness (presence) update and rewrites who it says it is.
// Peers crashed on deeply nested awareness JSON that overflowed the stack when re-encoded for the next joiner;
// we bound size and depth on arrival, keep states only for client ids this connection owns, and replace the
// `user` name and role with the identity the server holds for the connection.
// The y-websocket provider echoes every awareness change it sees, other people's included, back to the server;
// entries for ids a connection does not own are therefore dropped quietly, never applied.

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { LIMITS } from '../../shared/limits.js';
import type { Role } from '../../shared/roles.js';
import { awarenessStateSchema } from '../../shared/schemas.js';

export type AwarenessCheck =
  | { ok: true; /** null when nothing in the message is this connection's own */ update: Uint8Array | null; clientIds: number[] }
  | { ok: false; reason: string };

/**
 * The most entries one awareness message may carry. A browser's own presence is one entry, but the provider echoes
 * every change it receives, and a newcomer receives everyone's presence in one message: one entry per person.
 */
const MAX_ENTRIES = LIMITS.maxConnectionsPerPlan + 1;

export function checkAwarenessUpdate(
  update: Uint8Array,
  identity: { accountId: string; name: string; role: Role; color: string },
  /** The client ids this connection already owns. */
  ownedIds: ReadonlySet<number>,
  /** Whether an id may be claimed by this connection (no other connection owns it). Only a first id is claimed. */
  isFree: (clientId: number) => boolean,
): AwarenessCheck {
  const entries: { clientId: number; clock: number; state: Record<string, unknown> | null }[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_ENTRIES) return { ok: false, reason: 'too many awareness entries' };
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (Buffer.byteLength(json, 'utf8') > LIMITS.maxAwarenessStateBytes) return { ok: false, reason: 'awareness state too large' };
      const raw: unknown = JSON.parse(json);
      if (raw !== null && depth(raw) > LIMITS.maxAwarenessDepth) return { ok: false, reason: 'awareness state too deep' };
      if (raw === null) {
        entries.push({ clientId, clock, state: null });
        continue;
      }
      const parsed = awarenessStateSchema.safeParse(raw);
      if (!parsed.success) return { ok: false, reason: 'awareness state has the wrong shape' };
      entries.push({ clientId, clock, state: parsed.data });
    }
    if (decoder.pos !== update.length) return { ok: false, reason: 'trailing bytes after awareness update' };
  } catch {
    return { ok: false, reason: 'awareness update could not be decoded' };
  }

  const claimed = new Set(ownedIds);
  const own = entries.filter(({ clientId, state }) => {
    if (claimed.has(clientId)) return true;
    if (claimed.size > 0 || state === null || !isFree(clientId)) return false;
    claimed.add(clientId);
    return true;
  });
  if (own.length === 0) return { ok: true, update: null, clientIds: [...claimed] };

  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, own.length);
  for (const { clientId, clock, state } of own) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    const user =
      state === null
        ? undefined
        : { ...(state.user ?? {}), id: identity.accountId, name: identity.name, role: identity.role, color: identity.color };
    const json = JSON.stringify(state === null ? null : { ...state, user });
    // Measured again after the rewrite: everyone else's provider echoes this state back, and the echo must pass.
    if (Buffer.byteLength(json, 'utf8') > LIMITS.maxAwarenessStateBytes) return { ok: false, reason: 'awareness state too large' };
    encoding.writeVarString(encoder, json);
  }
  return { ok: true, update: encoding.toUint8Array(encoder), clientIds: [...claimed] };
}

/** Nesting depth of a parsed JSON value, without recursion. */
function depth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > LIMITS.maxAwarenessDepth) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}
