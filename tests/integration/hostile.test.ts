// Messages and requests built to take the server down, found in review: each must end at most the connection that
// sent it, and the server, the plan and everyone else carry on.

import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { MessageType, sectionFieldName } from '../../shared/protocol.js';
import { replaceBytes, varString } from '../helpers/bytes.js';
import { connectRaw, syncMessage, syncUrl } from '../helpers/rawSocket.js';
import { addTestMember, connectClient, createTestPlan, startTestServer, waitFor, waitForSync, type TestClient, type TestMember } from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/**
 * Where everyone writes: a section every member with edit rights may write, so that what refuses each hostile
 * message is the check on its content, never the sender's rights.
 */
const SECTION = 'howNeedsMet';

describe('hostile input', () => {
  let server: Server;
  let plan: Awaited<ReturnType<typeof createTestPlan>>;
  let healthy: TestClient;
  /** Family members with edit rights: the one who sends hostile messages, and one who tries to pass as someone else. */
  let raw: TestMember;
  let mallory: TestMember;

  beforeAll(async () => {
    server = await startTestServer();
    plan = await createTestPlan(server);
    raw = await addTestMember(server, plan, { name: 'Raw', role: 'family' });
    mallory = await addTestMember(server, plan, { name: 'Mallory', role: 'family' });
    healthy = connectClient(server.url, plan.id, await addTestMember(server, plan, { name: 'Healthy', role: 'family' }));
    await waitForSync(healthy);
    healthy.type(SECTION, 'Before. ');
    await waitFor(() => healthy.isSaved(), 'first words saved');
  });
  afterAll(async () => {
    healthy?.destroy();
    await server?.dispose();
  });

  /** The healthy person can still type, and be told it is saved. */
  async function stillWorks(words: string): Promise<void> {
    healthy.type(SECTION, words);
    await waitFor(() => healthy.isSaved(), `"${words}" saved`);
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
  }

  /** A raw connection that has joined the plan, with a copy of it. */
  async function joinedRaw(member: TestMember = raw) {
    const socket = connectRaw(syncUrl(server.url, plan.id), member.cookie);
    await socket.joined();
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(healthy.doc));
    return { raw: socket, copy };
  }

  /** The update `change` makes to a copy of the plan. */
  function updateFrom(copy: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
    const before = Y.encodeStateVector(copy);
    change(copy);
    return Y.encodeStateAsUpdate(copy, before);
  }

  it('a shared-type name in a script of wide characters only closes the sender (no client text in close reasons)', async () => {
    const { raw, copy } = await joinedRaw();
    const update = updateFrom(copy, (doc) => doc.getXmlFragment('語'.repeat(60)).insert(0, [new Y.XmlElement('paragraph')]));
    raw.ws.send(syncMessage(syncProtocol.messageYjsUpdate, update));
    expect((await raw.closed).code).toBe(CloseCode.malformedMessage);
    await stillWorks('After wide names. ');
  });

  it('a deeply nested mark value is refused before Yjs sees it, and the plan keeps saving', async () => {
    const { raw, copy } = await joinedRaw();
    // Yjs itself cannot encode such a value (that is the point), so a placeholder's JSON text is swapped for it.
    const placeholder = 'PLACEHOLDER-VALUE';
    const update = updateFrom(copy, (doc) => {
      const paragraph = doc.getXmlFragment(sectionFieldName(SECTION)).get(0) as Y.XmlElement;
      (paragraph.get(0) as Y.XmlText).format(0, 3, { bold: placeholder });
    });
    const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
    raw.ws.send(syncMessage(syncProtocol.messageYjsUpdate, replaceBytes(update, varString(JSON.stringify(placeholder)), varString(deep))));
    expect((await raw.closed).code).toBe(CloseCode.malformedMessage);
    await stillWorks('After deep marks. ');
    const late = connectClient(server.url, plan.id, await addTestMember(server, plan, { name: 'Late', role: 'advocate', level: 'view' }));
    await waitForSync(late);
    expect(late.text(SECTION)).toContain('After deep marks.');
    late.destroy();
  });

  it('a bare value placed inside a paragraph is refused', async () => {
    const { raw, copy } = await joinedRaw();
    const update = updateFrom(copy, (doc) => {
      const paragraph = doc.getXmlFragment(sectionFieldName(SECTION)).get(0) as Y.XmlElement;
      paragraph.insert(paragraph.length, [new Y.XmlElement('paragraph')]); // fine: an element
      doc.getXmlFragment(sectionFieldName(SECTION)); // no-op
    });
    raw.ws.send(syncMessage(syncProtocol.messageYjsUpdate, update));
    // An element inside an element is allowed; now a bare value, which the editor could not show.
    const bare = updateFrom(copy, (doc) => {
      const paragraph = doc.getXmlFragment(sectionFieldName(SECTION)).get(0) as Y.XmlElement;
      (paragraph as unknown as Y.Array<unknown>).insert(0, [{ not: 'a node' }]);
    });
    raw.ws.send(syncMessage(syncProtocol.messageYjsUpdate, bare));
    expect((await raw.closed).code).toBe(CloseCode.malformedMessage);
    await stillWorks('After bare values. ');
  });

  it('nobody can write under another person\'s client id', async () => {
    const { raw, copy } = await joinedRaw(mallory);
    // Mallory continues the healthy person's own clock, so the words would show as theirs.
    copy.clientID = healthy.doc.clientID;
    const update = updateFrom(copy, (doc) => {
      const paragraph = doc.getXmlFragment(sectionFieldName(SECTION)).get(0) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      text.insert(text.length, 'Written by someone else. ');
    });
    raw.ws.send(syncMessage(syncProtocol.messageYjsUpdate, update));
    expect((await raw.closed).code).toBe(CloseCode.malformedMessage);
    await stillWorks('Still only mine. ');
    expect(healthy.text(SECTION)).not.toContain('Written by someone else.');
  });

  it('asking for the whole plan over and over on one connection is cut off', async () => {
    const raw = connectRaw(syncUrl(server.url, plan.id), (await addTestMember(server, plan, { name: 'Greedy', role: 'family' })).cookie);
    await raw.joined();
    const step1 = syncMessage(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i < LIMITS.maxSyncRequestsPerConnection; i++) raw.ws.send(step1);
    await waitFor(() => raw.messages.length >= LIMITS.maxSyncRequestsPerConnection, 'each allowed request answered');
    expect(raw.isOpen()).toBe(true);
    raw.ws.send(step1);
    expect((await raw.closed).code).toBe(CloseCode.malformedMessage);
    await stillWorks('After greedy syncs. ');
  });

  it('a flood of save checkpoints is answered with the newest, without the server holding one per question', async () => {
    const raw = connectRaw(syncUrl(server.url, plan.id), (await addTestMember(server, plan, { name: 'Asker', role: 'family' })).cookie);
    await raw.joined();
    const before = raw.messages.length;
    const checkpoint = (token: number) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.checkpoint);
      encoding.writeVarUint(encoder, token);
      return encoding.toUint8Array(encoder);
    };
    healthy.type(SECTION, 'A write in flight. '); // so the questions have something to wait for
    for (let token = 1; token <= 1000; token++) raw.ws.send(checkpoint(token));
    const answers = () =>
      raw.messages.slice(before).flatMap((m) => {
        const decoder = decoding.createDecoder(m);
        return decoding.readVarUint(decoder) === MessageType.checkpoint ? [decoding.readVarUint(decoder)] : [];
      });
    await waitFor(() => answers().at(-1) === 1000, 'the newest question answered');
    expect(answers().length).toBeLessThanOrEqual(1000);
    expect(raw.isOpen()).toBe(true);
    raw.ws.close();
    await stillWorks('After many questions. ');
  });

  it('an upgrade request with an absolute URL gets 400, and the server carries on', async () => {
    const status = await rawHttp(`GET http://a:99999/sync/x HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    expect(status).toContain('400');
    await stillWorks('After absolute URLs. ');
  });

  it('connections reset in the middle of an upgrade on an unknown path do not take the server down', async () => {
    const { port } = server.httpServer.address() as AddressInfo;
    await Promise.all(
      Array.from({ length: 200 }, () =>
        new Promise<void>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => {
            socket.write('GET /elsewhere HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
            socket.resetAndDestroy();
            resolve();
          });
          socket.on('error', () => resolve());
        }),
      ),
    );
    await stillWorks('After resets. ');
  });

  it('a plan address with broken percent-encoding gets 400, not a server error', async () => {
    // Signed in, as the raw member: a signed-out request would be turned away before the address is read.
    const res = await fetch(`${server.url}/api/plans/%E0%A4%A`, { headers: { cookie: raw.cookie } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('invalidRequest');
  });

  function rawHttp(request: string): Promise<string> {
    const { port } = server.httpServer.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(request));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
  }
});
