// Puts the pieces together: the store chosen from config, the HTTP app, and the sync server on one port.
// Used by main.ts, the tests and the benchmark alike.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { AccessEvents } from './accessEvents.js';
import { PlanHistories } from './history/historyOperations.js';
import { PlanRecords } from './history/planRecords.js';
import { PlanCopies } from './exports/planCopies.js';
import { PlanDiscussions } from './discussion/discussionOperations.js';
import { PlanMeetings } from './meeting/meetingOperations.js';
import { createApp } from './http/app.js';
import { LowdbAccountStore } from './storage/lowdb/lowdbAccountStore.js';
import { LowdbCircleStore } from './storage/lowdb/lowdbCircleStore.js';
import { LowdbDiscussionStore } from './storage/lowdb/lowdbDiscussionStore.js';
import { LowdbMeetingStore } from './storage/lowdb/lowdbMeetingStore.js';
import { JournalHistoryStore } from './storage/lowdb/journalHistoryStore.js';
import { LowdbPlanStore } from './storage/lowdb/lowdbPlanStore.js';
import type { AccountStore, CircleStore, DiscussionStore, HistoryStore, MeetingStore, PlanStore } from './storage/types.js';
import { Rooms } from './sync/rooms.js';
import { attachSyncServer } from './sync/syncServer.js';

export interface CylchServer {
  readonly httpServer: Server;
  readonly store: PlanStore;
  readonly accounts: AccountStore;
  readonly circles: CircleStore;
  readonly history: HistoryStore;
  readonly histories: PlanHistories;
  readonly discussions: DiscussionStore;
  readonly meetings: MeetingStore;
  readonly rooms: Rooms;
  /** The address it listens on, such as http://127.0.0.1:3000. */
  readonly url: string;
  /** Stop accepting connections, save every open plan, and close the store. */
  close(): Promise<void>;
}

export async function startCylchServer(config: Config, log: Logger, clientDir: string): Promise<CylchServer> {
  const store = await LowdbPlanStore.open(config.dataDir, log);
  const accounts = await LowdbAccountStore.open(config.dataDir);
  const circles = await LowdbCircleStore.open(config.dataDir);
  const history = JournalHistoryStore.forDataDir(config.dataDir);
  const discussionStore = LowdbDiscussionStore.forDataDir(config.dataDir);
  const meetingStore = LowdbMeetingStore.forDataDir(config.dataDir);
  const events = new AccessEvents();
  const histories = new PlanHistories(history, circles, accounts, async (planId) => {
    await rooms.openRoom(planId)?.history.flush();
  });
  const rooms = new Rooms(store, history, log, {
    recordHistory: config.recordHistory,
    // A failure is logged; the plan still opens (its circle changes join the history on the next read).
    beforeLoad: (planId) => histories.syncCircle(planId).catch((err: unknown) => log.error({ planId, err }, 'could not add circle changes to the history')),
  });
  // Changes to the circle join the plan's history as they happen (and any missed are caught up on the next read).
  events.onCircleChanged((planId) => {
    histories.syncCircle(planId).catch((err: unknown) => log.error({ planId, err }, 'could not add circle changes to the history'));
  });
  const records = new PlanRecords({ rooms, store, circles, accounts, histories, log });
  const copies = new PlanCopies({ store, circles, accounts, histories, records });
  const discussions = new PlanDiscussions({ discussions: discussionStore, store, circles, accounts, rooms, records, histories, log });
  const meetings = new PlanMeetings({ meetings: meetingStore, store, circles, accounts, rooms, records, histories, log });
  const httpServer = createServer(createApp({ store, accounts, circles, events, histories, records, copies, discussions, meetings, log, clientDir }));
  const sync = attachSyncServer(httpServer, { rooms, store, accounts, circles, events, log });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    store,
    accounts,
    circles,
    history,
    histories,
    discussions: discussionStore,
    meetings: meetingStore,
    rooms,
    url: `http://${host}:${port}`,
    close() {
      closing ??= (async () => {
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await sync.close();
        await rooms.closeAll();
        httpServer.closeAllConnections();
        await httpClosed;
        await store.close();
        await history.close();
        await discussionStore.close();
        await meetingStore.close();
        await accounts.close();
        await circles.close();
      })();
      return closing;
    },
  };
}
