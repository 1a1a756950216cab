// Start the real Cylch server on port 0 with a temporary data directory, and connect real y-websocket providers.

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { parseConfig } from '../../server/config.js';
import { startCylchServer, type CylchServer } from '../../server/cylchServer.js';
import { createLogger } from '../../server/log.js';
import * as decoding from 'lib0/decoding';
import { MessageType, sectionFieldName } from '../../shared/protocol.js';
import type { SaveTracker } from '../../shared/saveState.js';
import { accessSchema, type Access } from '../../shared/schemas.js';
import { attachSaveTracker } from '../../client/src/sync/saveCheckpoints.js';
import type { TestMember } from './members.js';
import { SYNC_PATH } from '../../shared/presence.js';
import { afterAll, beforeAll } from 'vitest';
import { waitFor } from './wait.js';

export { waitFor };

// Many providers in one test process each add an exit listener.
process.setMaxListeners(200);

export const CLIENT_DIR = path.resolve('dist/client');

export async function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'cylch-test-'));
}

export async function startTestServer(dataDir?: string): Promise<CylchServer & { dataDir: string; dispose(): Promise<void> }> {
  const dir = dataDir ?? (await makeDataDir());
  const config = parseConfig({ PORT: '0', CYLCH_DATA_DIR: dir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const server = await startCylchServer(config, createLogger(config.logLevel), CLIENT_DIR);
  return Object.assign(server, {
    dataDir: dir,
    async dispose() {
      await server.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  });
}

export { addTestMember, createTestAccount, createTestPlan, type TestMember } from './members.js';

/** A `ws` WebSocket that carries a member's session cookie, as a browser would. */
export function webSocketWithCookie(cookie: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  } as unknown as typeof globalThis.WebSocket;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Counts this client's changes and which are known to be on the server's disk. */
  saves: SaveTracker;
  closes: { code: number; reason: string }[];
  /** The rights the server last told this connection it has (MessageType.access), or null before it has. */
  access: Access | null;
  /** How many times the server said the plan's comments or suggestions changed (MessageType.discussionChanged). */
  discussionChanges: number;
  /** How many times the server said a meeting of the plan changed (MessageType.meetingChanged). */
  meetingChanges: number;
  text(sectionId: string): string;
  type(sectionId: string, text: string, at?: number): void;
  isSaved(): boolean;
  /** Call `listener` whenever the server answers a save checkpoint, with how many of this client's first changes
   * (one per transaction) are now known to be on disk. */
  onSaved(listener: (savedChanges: number) => void): void;
  destroy(): void;
}

/** A real y-websocket provider connected as `member` (signed in with their session cookie). */
export function connectClient(baseUrl: string, planId: string, member: Pick<TestMember, 'cookie'>, options: { connect?: boolean } = {}): TestClient {
  const doc = new Y.Doc({ gc: false });
  const savedListeners: ((savedChanges: number) => void)[] = [];
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}${SYNC_PATH}`, planId, doc, {
    WebSocketPolyfill: webSocketWithCookie(member.cookie),
    connect: options.connect ?? true,
    disableBc: true,
    maxBackoffTime: 300,
  });
  const client: TestClient = {
    doc,
    provider,
    saves: undefined as unknown as SaveTracker,
    closes: [],
    access: null,
    discussionChanges: 0,
    meetingChanges: 0,
    text: (sectionId) => fragmentText(doc, sectionId),
    type(sectionId, text, at) {
      const fragment = doc.getXmlFragment(sectionFieldName(sectionId));
      doc.transact(() => {
        let paragraph = fragment.get(0) as Y.XmlElement | undefined;
        if (!paragraph) {
          paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText()]);
          fragment.insert(0, [paragraph]);
        }
        const ytext = paragraph.get(0) as Y.XmlText;
        ytext.insert(at ?? ytext.length, text);
      });
    },
    isSaved: () => client.saves.allSaved,
    onSaved: (listener) => void savedListeners.push(listener),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  let lastSaved = 0;
  client.saves = attachSaveTracker(provider, doc, () => {
    const { saved } = client.saves.counts;
    if (saved === lastSaved) return;
    lastSaved = saved;
    for (const listener of savedListeners) listener(saved);
  });
  // As the browser app does: the server tells each connection what it may do (unknown types would be logged).
  provider.messageHandlers[MessageType.access] = (_encoder, decoder: decoding.Decoder) => {
    client.access = accessSchema.parse(JSON.parse(decoding.readVarString(decoder)));
  };
  // "The record changed" (a version, an agreement): the pages refetch; these clients have nothing to refetch.
  provider.messageHandlers[MessageType.recordChanged] = () => {};
  // "The comments or suggestions changed": counted, so a test can wait for a second member to hear of it.
  provider.messageHandlers[MessageType.discussionChanged] = () => {
    client.discussionChanges += 1;
  };
  // "A meeting changed": the meeting view refetches; counted here, so a test can wait for a member to hear of it.
  provider.messageHandlers[MessageType.meetingChanged] = () => {
    client.meetingChanges += 1;
  };
  provider.on('connection-close', (event) => {
    if (event) client.closes.push({ code: event.code, reason: event.reason });
  });
  return client;
}

export function fragmentText(doc: Y.Doc, sectionId: string): string {
  return doc
    .getXmlFragment(sectionFieldName(sectionId))
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((t) => t.toString()).join('') : node.toString()))
    .join('\n');
}

export const waitForSync = (client: TestClient) => waitFor(() => client.provider.synced, 'sync');

/**
 * A real server for one test file (port 0, a temporary data directory), started before its tests and stopped after,
 * with `connect` for real providers signed in as members (all destroyed at the end) and `saved` to wait for one to
 * hear that everything it sent is on disk.
 */
export function useTestServer() {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.dispose();
  });
  const started = () => {
    if (!server) throw new Error('the test server is not started yet');
    return server;
  };
  return {
    get server() {
      return started();
    },
    // Plain functions (no `this`), so they can be taken out of the object.
    connect: async (planId: string, member: Pick<TestMember, 'cookie'>): Promise<TestClient> => {
      const client = connectClient(started().url, planId, member);
      clients.push(client);
      await waitForSync(client);
      return client;
    },
    saved: (client: TestClient) => waitFor(() => client.isSaved(), 'saved'),
  };
}
