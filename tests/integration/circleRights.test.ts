// The circle's rights, enforced by the server on the live connection and the REST API alike (issue 3): who may
// connect, who may change which section, and rights that follow the circle while people are connected.

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { MessageType, sectionFieldName } from '../../shared/protocol.js';
import { accessSchema, circleAnswerSchema, createPlanAnswerSchema, type Access } from '../../shared/schemas.js';
import {
  addTestMember,
  connectClient,
  createTestAccount,
  createTestPlan,
  fragmentText,
  startTestServer,
  waitForSync,
  type TestClient,
  type TestMember,
} from '../helpers/server.js';
import { connectRaw, syncUrl, updateMessage, type RawSocket } from '../helpers/rawSocket.js';
import { waitFor } from '../helpers/wait.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('the circle’s rights on the live connection and the API', () => {
  let server: Server;
  const clients: TestClient[] = [];
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const s of sockets) s.ws.terminate();
    await server?.dispose();
  });

  const connect = (planId: string, member: Pick<TestMember, 'cookie'>) => {
    const client = connectClient(server.url, planId, member);
    clients.push(client);
    return client;
  };
  const raw = (planId: string, cookie?: string, headers?: Record<string, string>) => {
    const socket = connectRaw(syncUrl(server.url, planId), cookie, headers);
    sockets.push(socket);
    return socket;
  };
  const api = (member: Pick<TestMember, 'cookie'> | null, method: string, route: string, body?: unknown) =>
    fetch(`${server.url}${route}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(member ? { cookie: member.cookie } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const errorId = async (res: Response) => ((await res.json()) as { error: { id: string } }).error.id;
  /** The plan as the server holds it right now. */
  const serverDoc = (planId: string) => server.rooms.openRoom(planId)!.doc;
  /** A hand-made update that appends `text` to a section, built on the server's current state. */
  function appendUpdate(planId: string, sectionId: string, text: string, clientId?: number): Uint8Array {
    const doc = new Y.Doc({ gc: false });
    if (clientId !== undefined) doc.clientID = clientId;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(serverDoc(planId)));
    const fragment = doc.getXmlFragment(sectionFieldName(sectionId));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    fragment.insert(fragment.length, [paragraph]);
    return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(serverDoc(planId)));
  }
  /** The access messages a raw socket has received. */
  const accessMessages = (socket: RawSocket): Access[] =>
    socket.messages.flatMap((m) => {
      const decoder = decoding.createDecoder(m);
      return decoding.readVarUint(decoder) === MessageType.access ? [accessSchema.parse(JSON.parse(decoding.readVarString(decoder)))] : [];
    });

  it('refuses a connection without a session, with an unknown session, or from someone outside the circle', async () => {
    const plan = await createTestPlan(server);
    expect((await raw(plan.id).closed).code).toBe(CloseCode.notSignedIn);
    expect((await raw(plan.id, `cylch_session=${'x'.repeat(43)}`).closed).code).toBe(CloseCode.notSignedIn);
    const stranger = await createTestAccount(server, 'Dylan');
    const refused = raw(plan.id, stranger.cookie);
    expect((await refused.closed).code).toBe(CloseCode.notInCircle);
    expect(refused.messages).toHaveLength(0); // not a byte of the plan
    // The REST API says the same.
    expect((await api(null, 'GET', `/api/plans/${plan.id}`)).status).toBe(401);
    const res = await api(stranger, 'GET', `/api/plans/${plan.id}`);
    expect(res.status).toBe(403);
    expect(await errorId(res)).toBe('notInCircle');
    expect((await api(stranger, 'GET', `/api/plans/${plan.id}/circle`)).status).toBe(403);
  });

  it('refuses a connection opened from another site’s page, whoever’s cookie it carries', async () => {
    const plan = await createTestPlan(server);
    const socket = raw(plan.id, plan.owner.cookie, { origin: 'https://evil.example' });
    expect(await socket.refused).toBe(403);
    const own = raw(plan.id, plan.owner.cookie, { origin: server.url });
    await own.joined();
  });

  it('a view-level member receives the plan, but a hand-crafted update from them is refused and the plan is unchanged', async () => {
    const plan = await createTestPlan(server);
    const owner = connect(plan.id, plan.owner);
    await waitForSync(owner);
    owner.type('howNeedsMet', 'A personal assistant on Tuesdays.');
    await waitFor(() => owner.isSaved(), 'the owner’s words saved');

    const viewer = await addTestMember(server, plan, { name: 'Gwen', role: 'provider', level: 'view' });
    const socket = raw(plan.id, viewer.cookie);
    await socket.joined();
    expect(accessMessages(socket)[0]).toMatchObject({ role: 'provider', level: 'view', displayName: 'Gwen' });
    const before = Y.encodeStateVector(serverDoc(plan.id));
    socket.ws.send(updateMessage(appendUpdate(plan.id, 'howNeedsMet', 'Written by someone who may only read.')));
    expect((await socket.closed).code).toBe(CloseCode.changeRefused);
    expect(Y.encodeStateVector(serverDoc(plan.id))).toEqual(before);
    expect(fragmentText(serverDoc(plan.id), 'howNeedsMet')).toBe('A personal assistant on Tuesdays.');

    // The same member, connected through a provider, reads the plan.
    const reader = connect(plan.id, viewer);
    await waitForSync(reader);
    expect(reader.text('howNeedsMet')).toBe('A personal assistant on Tuesdays.');
  });

  it('a family member’s change to the person’s own words is refused whole; the plan is unchanged and other sections stay editable', async () => {
    const plan = await createTestPlan(server, 'wales', 'Sam');
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const sam = connect(plan.id, plan.owner);
    await waitForSync(sam);
    sam.type('aboutMe', 'I like trains.');
    await waitFor(() => sam.isSaved(), 'Sam’s words saved');

    // Through the provider, as an editor that ignored its read-only state would send it.
    const client = connect(plan.id, megan);
    await waitForSync(client);
    const before = Y.encodeStateVector(serverDoc(plan.id));
    client.doc.transact(() => {
      client.type('howNeedsMet', 'Megan drives on Fridays.'); // allowed, but in the same update as the refused part
      client.type('aboutMe', ' And I hate trains.');
    });
    await waitFor(() => client.closes.some((c) => c.code === CloseCode.changeRefused), 'the change to be refused');
    expect(Y.encodeStateVector(serverDoc(plan.id))).toEqual(before);
    expect(fragmentText(serverDoc(plan.id), 'aboutMe')).toBe('I like trains.');
    expect(fragmentText(serverDoc(plan.id), 'howNeedsMet')).toBe('');
    // The refusal is final for that copy: the provider does not reconnect and re-send it.
    await new Promise((r) => setTimeout(r, 700));
    expect(client.provider.wsconnected).toBe(false);
    expect(fragmentText(serverDoc(plan.id), 'aboutMe')).toBe('I like trains.');

    // A deletion in the person's words is refused too.
    const socket = raw(plan.id, megan.cookie);
    await socket.joined();
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(serverDoc(plan.id)));
    const sv = Y.encodeStateVector(copy);
    const text = (copy.getXmlFragment(sectionFieldName('aboutMe')).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.delete(0, 2);
    socket.ws.send(updateMessage(Y.encodeStateAsUpdate(copy, sv)));
    expect((await socket.closed).code).toBe(CloseCode.changeRefused);
    expect(fragmentText(serverDoc(plan.id), 'aboutMe')).toBe('I like trains.');

    // With a fresh copy, Megan writes where family may write, and it is saved.
    const fresh = connect(plan.id, megan);
    await waitForSync(fresh);
    fresh.type('howNeedsMet', 'Megan drives on Fridays.');
    await waitFor(() => fresh.isSaved(), 'Megan’s words saved');
    await waitFor(() => sam.text('howNeedsMet') === 'Megan drives on Fridays.', 'Sam to see Megan’s words');
    expect(fresh.closes).toEqual([]);
  });

  it('re-sending content the plan already has, with a false parent, cannot steer a change into the person’s words', async () => {
    const plan = await createTestPlan(server, 'wales', 'Sam');
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const sam = connect(plan.id, plan.owner);
    await waitForSync(sam);
    sam.type('aboutMe', 'I like trains.');
    sam.type('howNeedsMet', 'Megan drives.');
    await waitFor(() => sam.isSaved(), 'saved');
    const doc = serverDoc(plan.id);
    const textOf = (sectionId: string) => (doc.getXmlFragment(sectionFieldName(sectionId)).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    let victim = (textOf('aboutMe') as unknown as { _start: Y.Item })._start;
    while (!(victim.content instanceof Y.ContentString)) victim = victim.right!;
    // A copy of Sam's words (same id and length) claiming to sit in a section Megan may edit, and new words after it.
    const allowedParent = (textOf('howNeedsMet') as unknown as { _item: Y.Item })._item.id;
    const fake = new Y.Item(victim.id, null, null, null, null, allowedParent, null, new Y.ContentString((victim.content as Y.ContentString).str));
    const evil = new Y.Item(Y.createID(987654321, 0), null, Y.createID(victim.id.client, victim.id.clock + victim.length - 1), null, null, null, null, new Y.ContentString(' EVIL'));
    const update = encodeItems([
      { client: 987654321, clock: 0, items: [evil] },
      { client: victim.id.client, clock: victim.id.clock, items: [fake] },
    ]);
    const socket = raw(plan.id, megan.cookie);
    await socket.joined();
    socket.ws.send(updateMessage(update));
    expect((await socket.closed).code).toBe(CloseCode.changeRefused);
    expect(fragmentText(doc, 'aboutMe')).toBe('I like trains.');
    expect(fragmentText(doc, 'howNeedsMet')).toBe('Megan drives.');
  });

  it('an update whose parts refer to each other in a loop is refused, and nothing of it waits to be applied later', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const sam = connect(plan.id, plan.owner);
    await waitForSync(sam);
    sam.type('howNeedsMet', 'Megan drives.');
    await waitFor(() => sam.isSaved(), 'saved');
    const doc = serverDoc(plan.id);
    const text = (doc.getXmlFragment(sectionFieldName('howNeedsMet')).get(0) as Y.XmlElement).get(0) as unknown as { _item: Y.Item };
    const [a, b] = [111111111, 222222222];
    // X (a:0) comes after Y; Y (b:0) comes before Z; Z (a:1) is in the text. Yjs cannot place X before Y, nor Y
    // before Z, which comes after X in a's own sequence: it would keep them all to retry later.
    const x = new Y.Item(Y.createID(a, 0), null, Y.createID(b, 0), null, null, null, null, new Y.ContentString('x'));
    const z = new Y.Item(Y.createID(a, 1), null, null, null, null, text._item.id, null, new Y.ContentString('z'));
    const y = new Y.Item(Y.createID(b, 0), null, null, null, Y.createID(a, 1), null, null, new Y.ContentString('y'));
    const socket = raw(plan.id, megan.cookie);
    await socket.joined();
    socket.ws.send(updateMessage(encodeItems([{ client: a, clock: 0, items: [x, z] }, { client: b, clock: 0, items: [y] }])));
    expect((await socket.closed).code).toBe(CloseCode.malformedMessage);
    expect(doc.store.pendingStructs).toBeNull();
    expect(fragmentText(doc, 'howNeedsMet')).toBe('Megan drives.');
  });

  it('only social workers (and the person) write the assessed needs by default', async () => {
    const plan = await createTestPlan(server);
    const alex = await addTestMember(server, plan, { name: 'Alex', role: 'socialWorker' });
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const social = connect(plan.id, alex);
    await waitForSync(social);
    social.type('assessedNeeds', 'Eligible needs: preparing meals.');
    await waitFor(() => social.isSaved(), 'the assessment saved');
    const family = raw(plan.id, megan.cookie);
    await family.joined();
    family.ws.send(updateMessage(appendUpdate(plan.id, 'assessedNeeds', 'Not an assessment.')));
    expect((await family.closed).code).toBe(CloseCode.changeRefused);
    expect(fragmentText(serverDoc(plan.id), 'assessedNeeds')).toBe('Eligible needs: preparing meals.');
  });

  it('the person opens a section: the member connected now may write there at once, and is told', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const socket = raw(plan.id, megan.cookie);
    await socket.joined();
    expect(accessMessages(socket)).toHaveLength(1);

    const res = await api(plan.owner, 'PUT', `/api/plans/${plan.id}/circle/sections/aboutMe`, { open: true });
    expect(res.status).toBe(200);
    expect(circleAnswerSchema.parse(await res.json()).me.openSections).toEqual(['aboutMe']);
    await waitFor(() => accessMessages(socket).length === 2, 'the new rights to arrive');
    expect(accessMessages(socket)[1]!.openSections).toEqual(['aboutMe']);
    const before = fragmentText(serverDoc(plan.id), 'aboutMe');
    socket.ws.send(updateMessage(appendUpdate(plan.id, 'aboutMe', 'Sam asked me to write this.')));
    await waitFor(() => fragmentText(serverDoc(plan.id), 'aboutMe') !== before, 'the words to be applied');
    expect(socket.isOpen()).toBe(true);

    // Only the person (or their plan manager) opens sections.
    const byMegan = await api(megan, 'PUT', `/api/plans/${plan.id}/circle/sections/whatMatters`, { open: true });
    expect(byMegan.status).toBe(403);
    expect(await errorId(byMegan)).toBe('notAllowed');
    expect((await api(plan.owner, 'PUT', `/api/plans/${plan.id}/circle/sections/noSuchSection`, { open: true })).status).toBe(400);
  });

  it('removing a member closes their live connection within a second; lowering a level makes it read-only at once', async () => {
    const plan = await createTestPlan(server);
    const alex = await addTestMember(server, plan, { name: 'Alex', role: 'socialWorker' });
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const alexSocket = raw(plan.id, alex.cookie);
    const meganSocket = raw(plan.id, megan.cookie);
    await Promise.all([alexSocket.joined(), meganSocket.joined()]);

    const started = Date.now();
    const res = await api(plan.owner, 'DELETE', `/api/plans/${plan.id}/circle/members/${alex.accountId}`, {});
    expect(res.status).toBe(200);
    expect((await alexSocket.closed).code).toBe(CloseCode.removedFromCircle);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(circleAnswerSchema.parse(await res.json()).members.map((m) => m.displayName)).toEqual(['Rhian', 'Megan']);
    // Gone for good: not back in by reconnecting.
    expect((await raw(plan.id, alex.cookie).closed).code).toBe(CloseCode.notInCircle);

    const lowered = await api(plan.owner, 'PATCH', `/api/plans/${plan.id}/circle/members/${megan.accountId}`, { level: 'view' });
    expect(lowered.status).toBe(200);
    await waitFor(() => accessMessages(meganSocket).some((a) => a.level === 'view'), 'Megan to be told she can only read');
    meganSocket.ws.send(updateMessage(appendUpdate(plan.id, 'howNeedsMet', 'Too late.')));
    expect((await meganSocket.closed).code).toBe(CloseCode.changeRefused);
    expect(fragmentText(serverDoc(plan.id), 'howNeedsMet')).toBe('');
  });

  it('managing the circle: only the person or their plan manager; never the person themselves; never leaving nobody in charge', async () => {
    const plan = await createTestPlan(server, 'wales', 'Sam');
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const alex = await addTestMember(server, plan, { name: 'Alex', role: 'advocate' });
    const route = (m: TestMember) => `/api/plans/${plan.id}/circle/members/${m.accountId}`;

    const byMegan = await api(megan, 'PATCH', route(alex), { level: 'view' });
    expect([byMegan.status, await errorId(byMegan)]).toEqual([403, 'notAllowed']);
    const onPerson = await api(plan.owner, 'PATCH', route(plan.owner), { level: 'view' });
    expect([onPerson.status, await errorId(onPerson)]).toEqual([403, 'cannotChangePerson']);
    expect((await api(plan.owner, 'PATCH', route(alex), {})).status).toBe(400);
    expect((await api(plan.owner, 'PATCH', route(alex), { level: 'owner' })).status).toBe(400);
    expect((await api(plan.owner, 'DELETE', `/api/plans/${plan.id}/circle/members/..%2F..%2Faccounts.json`, {})).status).toBe(400);
    expect((await api(plan.owner, 'DELETE', `/api/plans/..%2F..%2Fcircles/circle/members/${alex.accountId}`, {})).status).toBe(400);

    // Sam names Alex plan manager; Alex can now manage the circle, on Sam's behalf, but cannot remove Sam.
    expect((await api(plan.owner, 'PATCH', route(alex), { planManager: true })).status).toBe(200);
    expect((await api(alex, 'PATCH', route(megan), { level: 'comment' })).status).toBe(200);
    const removeSam = await api(alex, 'DELETE', route(plan.owner), {});
    expect([removeSam.status, await errorId(removeSam)]).toEqual([403, 'cannotChangePerson']);
    const circle = circleAnswerSchema.parse(await (await api(megan, 'GET', `/api/plans/${plan.id}/circle`)).json());
    expect(circle.members.map((m) => [m.displayName, m.role, m.level, m.planManager])).toEqual([
      ['Sam', 'person', 'edit', false],
      ['Alex', 'advocate', 'edit', true],
      ['Megan', 'family', 'comment', false],
    ]);
    expect(circle.me).toMatchObject({ displayName: 'Megan', level: 'comment', planManager: false });

    // Every change is in the circle's record, with who did it, when, and whether on the person's behalf.
    const { changes } = await server.circles.getCircle(plan.id);
    expect(changes.slice(-2)).toEqual([
      expect.objectContaining({ kind: 'planManagerNamed', by: plan.owner.accountId, accountId: alex.accountId }),
      expect.objectContaining({ kind: 'levelChanged', by: alex.accountId, accountId: megan.accountId, level: 'comment', onBehalf: true }),
    ]);
    expect(changes.every((c) => !Number.isNaN(Date.parse(c.at)))).toBe(true);

    // The record and the rights are on disk: a restarted server reads them back exactly.
    const opened = await api(plan.owner, 'PUT', `/api/plans/${plan.id}/circle/sections/myLifeNow`, { open: true });
    expect(opened.status).toBe(200);
    const before = await server.circles.getCircle(plan.id);
    const again = await startTestServer(server.dataDir);
    try {
      expect(await again.circles.getCircle(plan.id)).toEqual(before);
    } finally {
      await again.close();
    }
  });

  it('a social worker starts a plan for someone else: interim plan manager until the person accepts and takes over', async () => {
    const alex = await createTestAccount(server, 'Alex');
    const created = await api(alex, 'POST', '/api/plans', { jurisdiction: 'england', title: 'Plan for Rhys', forSomeoneElse: { myRole: 'socialWorker' } });
    expect(created.status).toBe(201);
    const plan = createPlanAnswerSchema.parse(await created.json());
    expect(plan.personInvitationLink).toMatch(/^\/invitations\/[A-Za-z0-9_-]{43}$/);

    let circle = circleAnswerSchema.parse(await (await api(alex, 'GET', `/api/plans/${plan.id}/circle`)).json());
    expect(circle.me).toMatchObject({ role: 'socialWorker', planManager: true, awaitingPerson: true });
    // Meanwhile Alex may write the person's sections, as their interim plan manager.
    const alexClient = connect(plan.id, alex);
    await waitForSync(alexClient);
    alexClient.type('aboutMe', 'Rhys told me he likes football.');
    await waitFor(() => alexClient.isSaved(), 'Alex’s words saved');
    const rhys = await createTestAccount(server, 'Rhys');
    const accepted = await api(rhys, 'POST', '/api/invitations/accept', { token: plan.personInvitationLink!.split('/').at(-1) });
    expect(accepted.status).toBe(200);

    circle = circleAnswerSchema.parse(await (await api(rhys, 'GET', `/api/plans/${plan.id}/circle`)).json());
    expect(circle.me).toMatchObject({ role: 'person', level: 'edit', awaitingPerson: false });
    expect(circle.members.find((m) => m.displayName === 'Alex')).toMatchObject({ role: 'socialWorker', planManager: false });
    // A plan has one person: nobody else can be invited as the person now.
    const inviteSecondPerson = await api(rhys, 'POST', `/api/plans/${plan.id}/invitations`, { role: 'person', level: 'edit' });
    expect(inviteSecondPerson.status).toBe(403);
    // Alex's live connection lost the extra rights at once: the person's own words are Rhys's now.
    alexClient.type('aboutMe', ' And rugby.');
    await waitFor(() => alexClient.closes.some((c) => c.code === CloseCode.changeRefused), 'Alex’s change to be refused');
    const rhysClient = connect(plan.id, rhys);
    await waitForSync(rhysClient);
    expect(rhysClient.text('aboutMe')).toBe('Rhys told me he likes football.');
    const { changes } = await server.circles.getCircle(plan.id);
    expect(changes.map((c) => [c.kind, c.onBehalf ?? false])).toEqual([
      ['memberAdded', false],
      ['invitationCreated', true],
      ['invitationAccepted', false],
      ['planManagerEnded', false],
    ]);
  });

  it('stamps presence with the account’s name and role, whatever the browser claims', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const megan = await addTestMember(server, plan, { name: 'Megan', role: 'family' });
    const client = connect(plan.id, megan);
    await waitForSync(client);
    client.provider.awareness.setLocalStateField('user', { name: 'Sam', role: 'person', color: '#000000' });
    const watcher = connect(plan.id, plan.owner);
    await waitForSync(watcher);
    await waitFor(() => {
      const state = watcher.provider.awareness.getStates().get(client.doc.clientID) as { user?: { name?: string } } | undefined;
      return state?.user?.name === 'Megan';
    }, 'Megan’s presence as Megan');
    const state = watcher.provider.awareness.getStates().get(client.doc.clientID) as { user: Record<string, unknown> };
    expect(state.user).toMatchObject({ id: megan.accountId, name: 'Megan', role: 'family' });
  });

  it('signing out closes the plans open with that session; the same person’s other sessions carry on', async () => {
    const plan = await createTestPlan(server, 'england', 'Sam');
    const otherSession = await signInAgain(plan.owner);
    const here = raw(plan.id, plan.owner.cookie);
    const elsewhere = raw(plan.id, otherSession);
    await Promise.all([here.joined(), elsewhere.joined()]);
    expect((await api(plan.owner, 'POST', '/api/account/sign-out', {})).status).toBe(204);
    expect((await here.closed).code).toBe(CloseCode.notSignedIn);
    await new Promise((r) => setTimeout(r, 200));
    expect(elsewhere.isOpen()).toBe(true);
  });

  /** A second session for the same account, as signing in on another device gives. */
  async function signInAgain(member: TestMember): Promise<string> {
    const account = await server.accounts.getAccount(member.accountId);
    const res = await api(null, 'POST', '/api/account/sign-in', { email: account!.email, password: 'correct horse battery' });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }
});

/** A Yjs update (v1) written by hand: per client, a run of items as given, and no deletions. */
function encodeItems(groups: { client: number; clock: number; items: Y.Item[] }[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, groups.length);
  for (const group of groups) {
    encoding.writeVarUint(encoder.restEncoder, group.items.length);
    encoder.writeClient(group.client);
    encoding.writeVarUint(encoder.restEncoder, group.clock);
    for (const item of group.items) item.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}
