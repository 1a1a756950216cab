// Hostile and broken input, over the sync socket and the REST API. A bad message ends only the connection that
// sent it, with the close code from shared/closeCodes.ts; everyone else keeps writing and saving, the plan is
// unchanged by it, and no response ever shows a stack trace.

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode, PROTOCOL_MESSAGE_TOO_BIG } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { colorForName } from '../../shared/presence.js';
import { MessageType, sectionFieldName } from '../../shared/protocol.js';
import { SECTION_FIELD_NAMES, SECTION_IDS } from '../../shared/sections.js';
import type { Role } from '../../shared/roles.js';
import { signOut } from '../../server/accounts/accountOperations.js';
import { SESSION_COOKIE } from '../../server/http/sessions.js';
import { seededRandom } from '../helpers/random.js';
import { awarenessEntries, awarenessMessage, connectRaw, syncMessage, syncUrl, updateMessage, type RawSocket } from '../helpers/rawSocket.js';
import {
  addTestMember,
  connectClient,
  createTestAccount,
  createTestPlan,
  startTestServer,
  waitFor,
  waitForSync,
  type TestClient,
  type TestMember,
} from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A stack trace, a source path or an internal error name in something a person or a client receives. */
const LEAK = /\n\s+at |\bat [\w.<>]+ \(|\/work\/|node_modules|\.[jt]s:\d+|[A-Z]\w+Error\b/;

/**
 * Where the healthy person writes: a section every member with edit rights may write, so that whatever refuses a
 * hostile message sent there (by a member who could write there too) is the check on its content, not their rights.
 */
const SECTION = 'howNeedsMet';

describe('bad input', () => {
  let server: Server;
  let plan: Awaited<ReturnType<typeof createTestPlan>>;
  /** The family member behind the healthy client, and the one behind every raw socket. */
  let healthyMember: TestMember;
  let rawMember: TestMember;
  let healthy: TestClient;
  const raws: RawSocket[] = [];
  const others: TestClient[] = [];
  let round = 0;

  /** A raw socket, by default signed in as the raw member; `cookie` null: not signed in at all. */
  const raw = (url = syncUrl(server.url, plan.id), cookie: string | null = rawMember.cookie) => {
    const socket = connectRaw(url, cookie ?? undefined);
    raws.push(socket);
    return socket;
  };
  /** A new member of the circle, connected with a real provider. */
  const join = (member: TestMember) => {
    const c = connectClient(server.url, plan.id, member);
    others.push(c);
    return c;
  };
  const client = async (name: string, role: Role = 'family') => join(await addTestMember(server, plan, { name, role }));

  /** Join as a raw socket, send `frame`, and return how the server closed the connection (-1: it did not). */
  async function sendOnJoined(frame: Uint8Array | string): Promise<number> {
    const socket = raw();
    await socket.joined();
    socket.ws.send(frame);
    const stillOpen = new Promise<{ code: number }>((resolve) => setTimeout(() => resolve({ code: -1 }), 5000).unref());
    return (await Promise.race([socket.closed, stillOpen])).code;
  }

  /** The healthy person is still connected, writes more, and has it saved. */
  async function healthyCarriesOn(): Promise<void> {
    round += 1;
    healthy.type(SECTION, `still here ${round}. `);
    await waitFor(() => healthy.isSaved(), `the healthy client's round ${round} is saved`);
    expect(healthy.closes).toEqual([]);
    expect(healthy.provider.wsconnected).toBe(true);
  }

  /** A newcomer gets exactly what the healthy person wrote, and nothing outside the plan's sections. */
  async function expectPlanIsHealthysWords(): Promise<void> {
    const newcomer = await client('Newcomer');
    await waitForSync(newcomer);
    for (const sectionId of SECTION_IDS) expect(newcomer.text(sectionId)).toBe(healthy.text(sectionId));
    for (const name of newcomer.doc.share.keys()) expect(SECTION_FIELD_NAMES.has(name), `root ${name}`).toBe(true);
    expect(Y.encodeStateVector(newcomer.doc)).toEqual(Y.encodeStateVector(healthy.doc));
    newcomer.destroy();
  }

  beforeAll(async () => {
    server = await startTestServer();
    plan = await createTestPlan(server);
    healthyMember = await addTestMember(server, plan, { name: 'Healthy', role: 'family' });
    rawMember = await addTestMember(server, plan, { name: 'Raw', role: 'family' });
    healthy = connectClient(server.url, plan.id, healthyMember);
    healthy.provider.awareness.setLocalState({ user: { color: '#047857' }, section: 'aboutMe' });
    await waitForSync(healthy);
    healthy.type(SECTION, 'Sam likes walking. ');
    await waitFor(() => healthy.isSaved(), 'first words saved');
  });

  afterAll(async () => {
    for (const socket of raws) socket.ws.terminate();
    for (const c of others) c.destroy();
    healthy.destroy();
    await server.dispose();
  });

  describe('malformed sync messages close only their sender', () => {
    it('garbage bytes', async () => {
      const random = seededRandom(20261123);
      const frames = [
        new Uint8Array([]),
        new Uint8Array(10).fill(0xff),
        new Uint8Array([MessageType.sync, 9, 1, 0]), // no such sync step
        new Uint8Array([MessageType.sync, syncProtocol.messageYjsUpdate, 100, 1, 2, 3]), // length runs past the end
        new Uint8Array([MessageType.sync, syncProtocol.messageYjsSyncStep1, 2, 5, 1]), // state vector that ends early
        new Uint8Array([MessageType.awareness, 50, 1, 2]),
        // Random payloads framed as updates.
        ...Array.from({ length: 5 }, () => updateMessage(random.bytes(1 + random.int(200)))),
      ];
      for (const frame of frames) {
        expect(await sendOnJoined(frame), `frame ${Buffer.from(frame).toString('hex').slice(0, 40)}`).toBe(CloseCode.malformedMessage);
      }
      await healthyCarriesOn();
    });

    it('garbage sent before the plan has finished loading', async () => {
      const socket = raw();
      socket.ws.on('open', () => socket.ws.send(new Uint8Array(10).fill(0xff)));
      expect((await socket.closed).code).toBe(CloseCode.malformedMessage);
      await healthyCarriesOn();
    });

    it('a truncated update', async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(healthy.doc));
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      const text = (doc.getXmlFragment(sectionFieldName(SECTION)).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(0, 'INJECTED ');
      const update = updates[0]!;
      for (const cut of [1, Math.floor(update.length / 2), update.length - 1]) {
        expect(await sendOnJoined(updateMessage(update.slice(0, cut)))).toBe(CloseCode.malformedMessage);
        expect(await sendOnJoined(syncMessage(syncProtocol.messageYjsSyncStep2, update.slice(0, cut)))).toBe(CloseCode.malformedMessage);
      }
      // Cut inside the framing, too: the declared length runs past the end of the message.
      const whole = updateMessage(update);
      expect(await sendOnJoined(whole.slice(0, whole.length - 3))).toBe(CloseCode.malformedMessage);
      await healthyCarriesOn();
      expect(healthy.text(SECTION)).not.toContain('INJECTED');
    });

    it('a text frame', async () => {
      expect(await sendOnJoined('{"type":"sync"}')).toBe(CloseCode.malformedMessage);
      await healthyCarriesOn();
    });

    it('unknown message types, including ones only the server may send', async () => {
      for (const type of [7, 42, 100, MessageType.auth]) {
        expect(await sendOnJoined(new Uint8Array([type, 0, 0])), `type ${type}`).toBe(CloseCode.malformedMessage);
      }
      await healthyCarriesOn();
    });

    it('a message over the size limit, and one over the socket\'s hard cap', async () => {
      const overLimit = new Uint8Array(LIMITS.maxMessageBytes + 1);
      overLimit[0] = MessageType.sync;
      expect(await sendOnJoined(overLimit)).toBe(CloseCode.messageTooBig);
      const overCap = new Uint8Array(LIMITS.maxMessageBytes * 2 + 1024);
      expect(await sendOnJoined(overCap)).toBe(PROTOCOL_MESSAGE_TOO_BIG);
      await healthyCarriesOn();
    });

    it('an update that writes to a shared type outside the plan\'s sections', async () => {
      for (const write of [
        (doc: Y.Doc) => doc.getText('evil').insert(0, 'x'),
        (doc: Y.Doc) => doc.getMap('evil').set('admin', true),
        (doc: Y.Doc) => doc.getMap(sectionFieldName(SECTION)).set('sub', new Y.Doc()),
      ]) {
        const doc = new Y.Doc();
        const updates: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => updates.push(u));
        write(doc);
        expect(await sendOnJoined(updateMessage(updates[0]!))).toBe(CloseCode.malformedMessage);
        expect(await sendOnJoined(syncMessage(syncProtocol.messageYjsSyncStep2, updates[0]!))).toBe(CloseCode.malformedMessage);
      }
      await healthyCarriesOn();
      await expectPlanIsHealthysWords();
    });
  });

  describe('hostile presence', () => {
    type Presence = { id: number; user?: { id?: string; name?: string; role?: string; color?: string }; section?: string };
    /** Everyone else's presence as this awareness holds it. */
    const states = (awareness: awarenessProtocol.Awareness): Presence[] =>
      [...awareness.getStates()].filter(([id]) => id !== awareness.clientID).map(([id, state]) => ({ id, ...state }));

    it('deeply nested, huge or wrongly shaped presence closes only the sender', async () => {
      const frames = [
        `{"cursor":${'['.repeat(2000)}${']'.repeat(2000)}}`, // small enough for the size limit
        `{"cursor":${'['.repeat(50)}${']'.repeat(50)}}`,
        JSON.stringify({ section: 'aboutMe', padding: 'x'.repeat(100_000) }),
        '{"user":{"name":"Healthy","role":"admin"}}',
        '[1,2,3]',
        '{"section":{"$ne":null}}',
      ];
      for (const json of frames) {
        const code = await sendOnJoined(awarenessMessage(awarenessEntries([{ clientId: 77_000 + json.length, clock: 1, json }])));
        expect(code, json.slice(0, 30)).toBe(CloseCode.malformedMessage);
      }
      // Far more entries than there can be people in a plan.
      const many = awarenessEntries(Array.from({ length: 1000 }, (_, i) => ({ clientId: i + 1, clock: 1, json: '{}' })));
      expect(await sendOnJoined(awarenessMessage(many))).toBe(CloseCode.malformedMessage);
      await healthyCarriesOn();
    });

    it('presence sent for someone else\'s client id is never applied', async () => {
      const hijack = JSON.stringify({ section: 'hijacked', user: { name: 'Healthy', color: '#b91c1c' } });
      // A connection that has not claimed an id yet, and one that has.
      const fresh = raw();
      await fresh.joined();
      fresh.ws.send(awarenessMessage(awarenessEntries([{ clientId: healthy.doc.clientID, clock: 10_000, json: hijack }])));
      const owner = raw();
      await owner.joined();
      owner.ws.send(awarenessMessage(awarenessEntries([{ clientId: 999_001, clock: 1, json: '{"section":"reviews"}' }])));
      owner.ws.send(awarenessMessage(awarenessEntries([{ clientId: healthy.doc.clientID, clock: 10_001, json: hijack }])));
      // Removing someone else's presence does not work either.
      owner.ws.send(awarenessMessage(awarenessEntries([{ clientId: healthy.doc.clientID, clock: 10_002, json: 'null' }])));

      const watcher = await client('Watcher');
      await waitForSync(watcher);
      await waitFor(() => states(watcher.provider.awareness).some((s) => s.id === 999_001), 'the owner\'s own presence arrives');
      const seen = states(watcher.provider.awareness);
      const healthyState = seen.find((s) => s.id === healthy.doc.clientID);
      expect(healthyState).toMatchObject({
        section: 'aboutMe',
        user: { id: healthyMember.accountId, name: 'Healthy', role: 'family', color: colorForName('Healthy') },
      });
      expect(healthy.provider.awareness.getLocalState()).toMatchObject({ section: 'aboutMe' });

      // When they leave, the healthy person's presence stays.
      fresh.ws.close();
      owner.ws.close();
      await Promise.all([fresh.closed, owner.closed]);
      await waitFor(() => !states(watcher.provider.awareness).some((s) => s.id === 999_001), 'the owner\'s presence is removed');
      expect(states(watcher.provider.awareness).find((s) => s.id === healthy.doc.clientID)).toMatchObject({ section: 'aboutMe' });
      watcher.destroy();
      await healthyCarriesOn();
    });

    it('presence that would pass the size limit only before the server adds the name is refused', async () => {
      // The server adds the sender's name, role and colour, and everyone else's provider echoes the result back:
      // were it passed on, every echo would be over the limit and everyone else would be disconnected.
      const watcher = await client('Watcher');
      await waitForSync(watcher);
      const json = JSON.stringify({ section: 'aboutMe', padding: 'x'.repeat(LIMITS.maxAwarenessStateBytes - 40) });
      expect(Buffer.byteLength(json)).toBeLessThanOrEqual(LIMITS.maxAwarenessStateBytes);
      expect(await sendOnJoined(awarenessMessage(awarenessEntries([{ clientId: 999_002, clock: 1, json }])))).toBe(
        CloseCode.malformedMessage,
      );
      // A large state that still fits once rewritten is passed on, and its echoes get nobody disconnected.
      const sender = raw();
      await sender.joined();
      const fits = JSON.stringify({ section: 'aboutMe', padding: 'x'.repeat(LIMITS.maxAwarenessStateBytes - 200) });
      sender.ws.send(awarenessMessage(awarenessEntries([{ clientId: 999_003, clock: 1, json: fits }])));
      await waitFor(() => states(watcher.provider.awareness).some((s) => s.id === 999_003), 'the large presence arrives');
      await healthyCarriesOn();
      expect(watcher.closes).toEqual([]);
      expect(watcher.provider.wsconnected).toBe(true);
      expect(sender.isOpen()).toBe(true);
      sender.ws.close();
      watcher.destroy();
    });

    it('a later joiner sees correct presence: the server kept running and dropped the hostile senders', async () => {
      for (const socket of raws) socket.ws.terminate();
      await Promise.all(raws.map((s) => s.closed));
      const later = await client('Later', 'advocate');
      await waitForSync(later);
      await waitFor(() => states(later.provider.awareness).some((s) => s.id === healthy.doc.clientID), 'presence arrives');
      const names = states(later.provider.awareness).map((s) => s.user?.name);
      expect(names).toEqual(['Healthy']);
      later.destroy();
      await healthyCarriesOn();
    });

    it('someone whose presence claims another name is shown with the name they joined with', async () => {
      const eveMember = await addTestMember(server, plan, { name: 'Eve', role: 'advocate' });
      const eve = join(eveMember);
      // She claims to be the person, account id and all.
      eve.provider.awareness.setLocalState({ user: { id: plan.owner.accountId, name: 'Sam', role: 'person', color: '#b91c1c' }, section: 'aboutMe' });
      await waitForSync(eve);
      await waitFor(() => healthy.provider.awareness.getStates().has(eve.doc.clientID), 'Eve\'s presence arrives');
      await waitFor(
        () => (healthy.provider.awareness.getStates().get(eve.doc.clientID) as { section?: string }).section === 'aboutMe',
        'Eve\'s latest presence arrives',
      );
      expect(healthy.provider.awareness.getStates().get(eve.doc.clientID)).toEqual({
        // Account id, name, role and colour are the server's, whatever the browser claimed.
        user: { id: eveMember.accountId, name: 'Eve', role: 'advocate', color: colorForName('Eve') },
        section: 'aboutMe',
      });
      eve.destroy();
    });
  });

  describe('joining', () => {
    it('a plan id that is not one, or no such plan, is refused with planNotFound', async () => {
      for (const planId of ['notanid', '..%2F..%2Fetc', `${plan.id}x`, '%00', 'A'.repeat(22)]) {
        const socket = raw(syncUrl(server.url, planId));
        expect((await socket.closed).code, planId).toBe(CloseCode.planNotFound);
      }
      await healthyCarriesOn();
    });

    it('a path that climbs out of /sync never reaches the sync server', async () => {
      // URL parsing (the client's and the server's) resolves the dots before routing: the upgrade is refused.
      expect(await raw(`${server.url.replace(/^http/, 'ws')}/sync/../../etc`).refused).toBe(404);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/sync/../../etc`, {
          headers: { cookie: rawMember.cookie, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
        });
        req.on('upgrade', (_res, socket) => {
          socket.destroy();
          resolve(101);
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(404);
    });

    it('someone not signed in is refused with notSignedIn, whatever they claim to be, and never sees the plan', async () => {
      const signedOut = await createTestAccount(server, 'Signed Out');
      await signOut(server.accounts, signedOut.token);
      const url = syncUrl(server.url, plan.id);
      const attempts: [string, string, string | null][] = [
        ['no cookie', url, null],
        // The name and role a connection once said for itself now count for nothing.
        ['no cookie, a name and a role in the address', `${url}?name=Sam&role=person`, null],
        ['a cookie that is not a session', url, `${SESSION_COOKIE}=garbage`],
        ['a session token nobody was given', url, `${SESSION_COOKIE}=${'A'.repeat(43)}`],
        ['a session that was signed out', url, signedOut.cookie],
        ['a real token under another cookie name', url, `other_session=${healthyMember.token}`],
      ];
      for (const [what, address, cookie] of attempts) {
        const socket = raw(address, cookie);
        const { code, reason } = await socket.closed;
        expect(code, what).toBe(CloseCode.notSignedIn);
        expect(reason).not.toMatch(LEAK);
        expect(socket.messages, what).toEqual([]);
      }
      await healthyCarriesOn();
    });

    it('someone signed in who is not in the plan\'s circle is refused with notInCircle, and never sees the plan', async () => {
      const stranger = await createTestAccount(server, 'Stranger');
      const socket = raw(syncUrl(server.url, plan.id), stranger.cookie);
      const { code, reason } = await socket.closed;
      expect(code).toBe(CloseCode.notInCircle);
      expect(reason).not.toMatch(LEAK);
      expect(socket.messages).toEqual([]);
      await healthyCarriesOn();
    });
  });

  describe('REST', () => {
    const bodies: string[] = [];
    /** As the healthy person, signed in: what is refused here is the input, not who sent it. */
    async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: { error?: { id: string; issues?: unknown[] } } }> {
      const res = await fetch(`${server.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), cookie: healthyMember.cookie } });
      const text = await res.text();
      bodies.push(text);
      return { status: res.status, body: JSON.parse(text) as { error?: { id: string; issues?: unknown[] } } };
    }
    const post = (body: string, contentType = 'application/json') =>
      call('/api/plans', { method: 'POST', headers: { 'content-type': contentType }, body });

    it('a bad plan id is 400 invalidPlanId; an unknown one is 404 planNotFound', async () => {
      for (const id of ['notanid', '..%2F..%2Fetc', `${plan.id}x`, '%00']) {
        expect(await call(`/api/plans/${id}`), id).toMatchObject({ status: 400, body: { error: { id: 'invalidPlanId' } } });
      }
      expect(await call(`/api/plans/${'A'.repeat(22)}`)).toMatchObject({ status: 404, body: { error: { id: 'planNotFound' } } });
      expect(await call(`/api/plans/${plan.id}`)).toMatchObject({ status: 200, body: { id: plan.id } });
    });

    it('a body that is not JSON is 400 invalidRequest; one not even sent as JSON is refused as cross-site', async () => {
      expect(await post('{"jurisdiction":')).toMatchObject({ status: 400, body: { error: { id: 'invalidRequest' } } });
      // A state-changing request must be JSON (the CSRF guard): an HTML form from another site cannot send that.
      expect(await post('jurisdiction=wales', 'text/plain')).toMatchObject({ status: 403, body: { error: { id: 'crossSiteRequest' } } });
    });

    it('a wrong jurisdiction or an unknown field is 400 with the problems listed', async () => {
      const wrong = await post(JSON.stringify({ jurisdiction: 'scotland' }));
      expect(wrong).toMatchObject({ status: 400, body: { error: { id: 'invalidRequest', issues: [{ path: 'jurisdiction' }] } } });
      const extra = await post(JSON.stringify({ jurisdiction: 'wales', owner: 'admin' }));
      expect(extra).toMatchObject({ status: 400, body: { error: { id: 'invalidRequest' } } });
      expect(extra.body.error?.issues?.length).toBeGreaterThan(0);
      const control = await post(JSON.stringify({ jurisdiction: 'wales', title: 'Plan\u0000' }));
      expect(control).toMatchObject({ status: 400, body: { error: { id: 'invalidRequest', issues: [{ path: 'title' }] } } });
    });

    it('a body over the limit is 413', async () => {
      const title = 'x'.repeat(LIMITS.maxRestBodyBytes + 1);
      expect(await post(JSON.stringify({ jurisdiction: 'wales', title }))).toMatchObject({ status: 413, body: { error: { id: 'bodyTooLarge' } } });
    });

    it('an unknown API path is 404 notFound', async () => {
      expect(await call('/api/plans/x/y/z')).toMatchObject({ status: 404, body: { error: { id: 'notFound' } } });
      expect(await call('/api/nothing')).toMatchObject({ status: 404, body: { error: { id: 'notFound' } } });
    });

    it('no response body shows a stack trace or a file path', () => {
      expect(bodies.length).toBeGreaterThan(10);
      for (const body of bodies) expect(body).not.toMatch(LEAK);
    });
  });

  it('after all of it the plan holds exactly what the healthy person wrote, on disk too', async () => {
    await healthyCarriesOn();
    await expectPlanIsHealthysWords();
    const fromDisk = new Y.Doc();
    for (const update of await server.store.loadDocument(plan.id)) Y.applyUpdate(fromDisk, update);
    for (const name of fromDisk.share.keys()) expect(SECTION_FIELD_NAMES.has(name), `stored root ${name}`).toBe(true);
    expect(fromDisk.getXmlFragment(sectionFieldName(SECTION)).toString()).toBe(
      healthy.doc.getXmlFragment(sectionFieldName(SECTION)).toString(),
    );
  });
});
