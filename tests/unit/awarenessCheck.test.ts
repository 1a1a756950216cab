// checkAwarenessUpdate bounds presence updates on arrival, keeps only the entries a connection may speak for, and
// replaces who a client says it is with who the server knows it to be. Hostile updates are written byte by byte;
// ordinary ones by a real Awareness.

import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { LIMITS } from '../../shared/limits.js';
import { checkAwarenessUpdate } from '../../server/sync/awarenessCheck.js';

const megan = { accountId: 'TWVnYW4ncyBhY2NvdW50IQ', name: 'Megan', role: 'family' as const, color: '#1d4ed8' };
/** Who the server says Megan is, in every presence state it passes on. */
const meganUser = { id: megan.accountId, name: megan.name, role: megan.role, color: megan.color };
/** No other connection owns any id. */
const allFree = () => true;

function check(update: Uint8Array, owned: ReadonlySet<number> = new Set(), isFree: (id: number) => boolean = allFree) {
  return checkAwarenessUpdate(update, megan, owned, isFree);
}

/** An awareness update as a browser's y-protocols Awareness encodes it. */
function browserUpdate(state: Record<string, unknown> | null): { update: Uint8Array; clientId: number } {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return { update, clientId: doc.clientID };
}

/** An awareness update written by hand, with any JSON text. */
function handUpdate(entries: { clientId: number; clock?: number; json: string }[], trailing: number[] = []): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock ?? 1);
    encoding.writeVarString(encoder, json);
  }
  for (const byte of trailing) encoding.writeUint8(encoder, byte);
  return encoding.toUint8Array(encoder);
}

/** What a receiving Awareness makes of an accepted update. */
function statesAfter(update: Uint8Array | null): Map<number, Record<string, unknown>> {
  if (update === null) return new Map();
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awarenessProtocol.applyAwarenessUpdate(awareness, update, 'test');
  const states = new Map(awareness.getStates());
  states.delete(awareness.clientID);
  awareness.destroy();
  return states;
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

function expectRefused(update: Uint8Array, reason: RegExp, owned: ReadonlySet<number> = new Set()): void {
  const result = check(update, owned);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(reason);
}

describe('checkAwarenessUpdate accepts', () => {
  it('a browser\'s presence, with the account id, name, role and colour replaced by the server\'s', () => {
    const { update, clientId } = browserUpdate({
      user: { id: 'U2FtJ3MgYWNjb3VudCBpZA', name: 'Sam (the person)', role: 'person', color: '#047857' },
      section: 'aboutMe',
      cursor: { anchor: { type: { client: 1, clock: 2 }, tname: null, item: { client: 1, clock: 3 }, assoc: 0 } },
    });
    const result = check(update);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.clientIds).toEqual([clientId]);
    const state = statesAfter(result.update).get(clientId);
    expect(state).toEqual({
      user: meganUser,
      section: 'aboutMe',
      cursor: { anchor: { type: { client: 1, clock: 2 }, tname: null, item: { client: 1, clock: 3 }, assoc: 0 } },
    });
  });

  it('a state without a user, which gets the server\'s identity and colour', () => {
    const { update, clientId } = browserUpdate({});
    const result = check(update);
    expect(result.ok).toBe(true);
    if (result.ok) expect(statesAfter(result.update).get(clientId)).toEqual({ user: meganUser });
  });

  it('a removal (null state), for the client id it owns', () => {
    const clientId = 1234;
    const result = check(handUpdate([{ clientId, clock: 3, json: 'null' }]), new Set([clientId]));
    expect(result).toMatchObject({ ok: true, clientIds: [clientId] });
    if (!result.ok || result.update === null) throw new Error('the removal was dropped');
    // Re-encoded as a removal: an awareness that had the state drops it.
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(awareness, handUpdate([{ clientId, clock: 2, json: '{}' }]), 'test');
    expect(awareness.getStates().has(clientId)).toBe(true);
    awarenessProtocol.applyAwarenessUpdate(awareness, result.update, 'test');
    expect(awareness.getStates().has(clientId)).toBe(false);
    awareness.destroy();
  });

  it('more updates for the client id it already owns', () => {
    const owned = new Set([42]);
    const result = check(handUpdate([{ clientId: 42, clock: 9, json: '{"section":"reviews"}' }]), owned);
    expect(result).toMatchObject({ ok: true, clientIds: [42] });
  });

  it('nesting up to the depth limit', () => {
    let state: unknown = 1;
    for (let d = 1; d < LIMITS.maxAwarenessDepth; d++) state = { a: state };
    const json = JSON.stringify({ cursor: state });
    expect(check(handUpdate([{ clientId: 7, json }])).ok).toBe(true);
  });
});

describe('checkAwarenessUpdate refuses', () => {
  it('a state larger than the limit', () => {
    const json = JSON.stringify({ section: 'aboutMe', padding: 'x'.repeat(LIMITS.maxAwarenessStateBytes) });
    expectRefused(handUpdate([{ clientId: 7, json }]), /too large/);
  });

  it('a state that fits only until the server adds the name, role and colour', () => {
    // Everyone else's provider echoes the rewritten state back; it must pass this same check then.
    const json = JSON.stringify({ section: 'aboutMe', padding: 'x'.repeat(LIMITS.maxAwarenessStateBytes - 40) });
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(LIMITS.maxAwarenessStateBytes);
    expectRefused(handUpdate([{ clientId: 7, json }]), /too large/);
  });

  it('never passes on a state that its own echo would fail', () => {
    const json = JSON.stringify({ section: 'aboutMe', padding: 'x'.repeat(LIMITS.maxAwarenessStateBytes - 200) });
    const result = check(handUpdate([{ clientId: 7, json }]));
    expect(result.ok).toBe(true);
    if (!result.ok || result.update === null) return;
    const echo = check(result.update, new Set([8]));
    expect(echo).toEqual({ ok: true, update: null, clientIds: [8] });
  });

  it('a state whose UTF-8 bytes exceed the limit although its characters do not', () => {
    // "ŵ" is two bytes in UTF-8: about 1.5 times the limit in bytes, well under it in characters.
    const padding = 'ŵ'.repeat(Math.ceil((LIMITS.maxAwarenessStateBytes * 0.75)));
    const json = JSON.stringify({ padding });
    expect(json.length).toBeLessThan(LIMITS.maxAwarenessStateBytes);
    expect(Buffer.byteLength(json)).toBeGreaterThan(LIMITS.maxAwarenessStateBytes);
    expectRefused(handUpdate([{ clientId: 7, json }]), /too large/);
  });

  it('deeply nested states, including ones small enough to pass the size limit', () => {
    expectRefused(handUpdate([{ clientId: 7, json: `{"cursor":${nested(50)}}` }]), /too deep/);
    expectRefused(handUpdate([{ clientId: 7, json: nested(50) }]), /too deep/);
    const small = `{"cursor":${nested(2000)}}`;
    expect(small.length).toBeLessThan(LIMITS.maxAwarenessStateBytes);
    expectRefused(handUpdate([{ clientId: 7, json: small }]), /too deep/);
    // One level past the limit.
    let state: unknown = 1;
    for (let d = 0; d <= LIMITS.maxAwarenessDepth; d++) state = { a: state };
    expectRefused(handUpdate([{ clientId: 7, json: JSON.stringify(state) }]), /too deep/);
  });

  it('more entries than there can be people in a plan', () => {
    const entries = Array.from({ length: LIMITS.maxConnectionsPerPlan + 2 }, (_, i) => ({ clientId: 100 + i, json: '{}' }));
    expectRefused(handUpdate(entries), /too many/, new Set([100]));
    expectRefused(handUpdate(Array.from({ length: 10_000 }, () => ({ clientId: 1, json: 'null' }))), /too many/);
  });

  it('trailing bytes after the entries', () => {
    expectRefused(handUpdate([{ clientId: 7, json: '{}' }], [0]), /trailing bytes/);
    const { update } = browserUpdate({});
    expectRefused(new Uint8Array([...update, 1, 2, 3]), /trailing bytes/);
  });

  it('states of the wrong shape', () => {
    for (const json of [
      '{"user":{"name":"Megan","role":"admin"}}',
      '{"user":{"name":42}}',
      '{"user":{"color":"red; background:url(x)"}}',
      '{"user":"Megan"}',
      '{"section":{"id":"aboutMe"}}',
      '5',
      '"hello"',
      '[]',
      'true',
    ]) {
      expectRefused(handUpdate([{ clientId: 7, json }]), /wrong shape/);
    }
  });

  it('bytes that are not an awareness update', () => {
    expectRefused(new Uint8Array([]), /could not be decoded/);
    expectRefused(new Uint8Array([1, 7]), /could not be decoded/);
    expectRefused(handUpdate([{ clientId: 7, json: '{"unterminated' }]), /could not be decoded/);
    const { update } = browserUpdate({ section: 'aboutMe' });
    expectRefused(update.slice(0, update.length - 2), /could not be decoded/);
  });
});

describe('checkAwarenessUpdate keeps only what the connection may speak for', () => {
  // The y-websocket provider echoes everyone's presence back to the server, so other ids are dropped, not refused.
  it('drops entries for another client id once the connection owns one', () => {
    const result = check(handUpdate([{ clientId: 8, json: '{"section":"aboutMe"}' }]), new Set([7]));
    expect(result).toEqual({ ok: true, update: null, clientIds: [7] });
  });

  it('keeps its own entry and drops the others in a mixed message', () => {
    const result = check(
      handUpdate([
        { clientId: 8, json: '{"user":{"name":"Sam","role":"person"}}' },
        { clientId: 7, json: '{"section":"reviews"}' },
        { clientId: 9, json: 'null' },
      ]),
      new Set([7]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.clientIds).toEqual([7]);
    expect([...statesAfter(result.update).keys()]).toEqual([7]);
  });

  it('an echo of everyone\'s presence in a full plan, as a newcomer\'s provider sends it', () => {
    const everyone = Array.from({ length: LIMITS.maxConnectionsPerPlan }, (_, i) => ({
      clientId: 1000 + i,
      json: JSON.stringify({ user: { name: `Member ${i}`, role: 'family', color: '#1d4ed8' }, section: 'aboutMe' }),
    }));
    const result = check(handUpdate([...everyone, { clientId: 7, json: '{"section":"reviews"}' }]), new Set([7]), (id) => id === 7);
    expect(result.ok).toBe(true);
    if (result.ok) expect([...statesAfter(result.update).keys()]).toEqual([7]);
  });

  it('claims only the first free id of a connection that owns none', () => {
    const result = check(handUpdate([{ clientId: 7, json: '{}' }, { clientId: 8, json: '{}' }]));
    expect(result).toMatchObject({ ok: true, clientIds: [7] });
    if (result.ok) expect([...statesAfter(result.update).keys()]).toEqual([7]);
  });

  it('never claims an id another connection owns, so nobody can take over someone else\'s presence', () => {
    const ownedElsewhere = new Set([7]);
    const result = check(handUpdate([{ clientId: 7, clock: 99, json: '{"section":"aboutMe"}' }]), new Set(), (id) => !ownedElsewhere.has(id));
    expect(result).toEqual({ ok: true, update: null, clientIds: [] });
  });

  it('never removes presence it does not own', () => {
    expect(check(handUpdate([{ clientId: 8, json: 'null' }]), new Set([7]))).toEqual({ ok: true, update: null, clientIds: [7] });
    // A removal does not claim an id either.
    expect(check(handUpdate([{ clientId: 8, json: 'null' }]))).toEqual({ ok: true, update: null, clientIds: [] });
  });

  it('still refuses a bad entry for an id it would drop', () => {
    expectRefused(handUpdate([{ clientId: 8, json: nested(50) }]), /too deep/, new Set([7]));
    expectRefused(handUpdate([{ clientId: 8, json: '{"user":{"role":"admin"}}' }]), /wrong shape/, new Set([7]));
  });
});
