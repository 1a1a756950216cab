// The live-sync endpoint: a `ws` server on the same HTTP server as the app, speaking the y-websocket protocol
// at /sync/<planId>. Before a connection joins a plan it must come from a Cylch page (Origin), carry a signed-in
// session (cookie) and belong to a member of the plan's circle; who it is (name, role) and what it may do come from
// the account and the circle, never from the browser. The plan is loaded fully before anyone is answered, each
// connection's rights follow the circle live (AccessEvents), and only the connection at fault is ended.

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { colorForName, SYNC_PATH } from '../../shared/presence.js';
import { PLAN_ID_PATTERN } from '../../shared/schemas.js';
import { accountForToken, hashToken } from '../accounts/accountOperations.js';
import type { AccessEvents } from '../accessEvents.js';
import { can } from '../../shared/permissions.js';
import { accessOf, memberOf, planAccessOf } from '../circle/circleOperations.js';
import { AppError } from '../errors.js';
import { sessionToken } from '../http/sessions.js';
import type { AccountStore, CircleStore, PlanStore, StoredAccount } from '../storage/types.js';
import { Connection } from './connection.js';
import type { Rooms } from './rooms.js';

const KEEPALIVE_MS = 30_000;

export interface SyncServer {
  /** Close every connection (telling clients to reconnect later) and stop accepting new ones. */
  close(): Promise<void>;
}

export interface SyncDependencies {
  rooms: Rooms;
  store: PlanStore;
  accounts: AccountStore;
  circles: CircleStore;
  events: AccessEvents;
  log: Logger;
}

/** Whether a connection may join: the account and the hash of the session it came with, or a close code. */
type Admission = { account: StoredAccount; sessionHash: string } | { refuse: number; reason: string };

export function attachSyncServer(httpServer: Server, deps: SyncDependencies): SyncServer {
  const { rooms, store, accounts, circles, events, log } = deps;
  // `ws` enforces a hard cap well above our limit; our own check answers with CloseCode.messageTooBig.
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxMessageBytes * 2 });
  const sockets = new Set<WebSocket>();
  let closing = false;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until `ws` takes the socket over, a reset from the other end must not become an unhandled error.
    socket.on('error', () => socket.destroy());
    const url = parseRequestPath(req.url);
    const refusal = closing
      ? '503 Service Unavailable'
      : url === null
        ? '400 Bad Request'
        : !url.pathname.startsWith(`${SYNC_PATH}/`)
          ? '404 Not Found'
          : !sameOrigin(req)
            ? '403 Forbidden'
            : null;
    if (refusal !== null || url === null) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`);
      return;
    }
    const planId = url.pathname.slice(SYNC_PATH.length + 1);
    // Checked before the connection is taken over: someone who may not join never reaches a plan.
    void admit(req, planId).then((admission) => {
      if (socket.destroyed) return;
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        ws.on('error', (err) => log.debug({ err }, 'socket error'));
        // A browser cannot read an HTTP status from a refused upgrade; a close code it can show is told instead.
        if ('refuse' in admission) ws.close(admission.refuse, admission.reason);
        else void join(ws, planId, admission.account, admission.sessionHash);
      });
    });
  };
  httpServer.on('upgrade', onUpgrade);

  /** May this request join this plan? Plan id, then session, then plan, then membership. */
  const admit = async (req: IncomingMessage, planId: string): Promise<Admission> => {
    try {
      if (!PLAN_ID_PATTERN.test(planId)) return { refuse: CloseCode.planNotFound, reason: 'planNotFound' };
      const token = sessionToken(req.headers.cookie);
      const account = await accountForToken(accounts, token);
      if (!account || !token) return { refuse: CloseCode.notSignedIn, reason: 'notSignedIn' };
      if ((await store.getPlanMeta(planId)) === null) return { refuse: CloseCode.planNotFound, reason: 'planNotFound' };
      const circle = await circles.getCircle(planId);
      if (!can(memberOf(circle, account.id), 'viewPlan', planAccessOf(circle))) return { refuse: CloseCode.notInCircle, reason: 'notInCircle' };
      return { account, sessionHash: hashToken(token) };
    } catch (err) {
      const known = err instanceof AppError;
      if (!known || err.isReportable) log.error({ planId, err }, 'could not check who may join a plan');
      return known ? { refuse: err.closeCode, reason: err.id } : { refuse: CloseCode.serverError, reason: 'serverError' };
    }
  };

  // When someone signs out (or changes their password), connections opened with their ended sessions close.
  const unsubscribeSessions = events.onSessionsEnded((accountId) => {
    for (const room of rooms.openRooms()) {
      for (const member of room.members) {
        if (!(member instanceof Connection) || member.identity.accountId !== accountId) continue;
        void accounts.getSession(member.sessionHash, new Date()).then(
          (session) => session === null && member.close(CloseCode.notSignedIn),
          (err: unknown) => log.error({ err }, 'could not check a session'),
        );
      }
    }
  });

  // When a plan's circle changes, each open connection to it gets its new rights at once, or is ended.
  const unsubscribe = events.onCircleChanged((planId) => {
    const room = rooms.openRoom(planId);
    if (!room) return;
    void circles.getCircle(planId).then(
      (circle) => {
        for (const member of room.members) {
          if (!(member instanceof Connection)) continue;
          const current = memberOf(circle, member.identity.accountId);
          if (current) member.setAccess(accessOf(circle, current, member.identity.name));
          else member.close(CloseCode.removedFromCircle);
        }
      },
      (err: unknown) => log.error({ planId, err }, 'could not read a changed circle'),
    );
  });

  const join = async (ws: WebSocket, planId: string, account: StoredAccount, sessionHash: string) => {
    // Messages that arrive while the plan loads wait for it, up to a bound.
    const early: RawData[] = [];
    let earlyBytes = 0;
    let onMessage = (data: RawData): void => {
      earlyBytes += rawLength(data);
      if (earlyBytes > LIMITS.maxBufferedBytes) ws.close(CloseCode.messageTooBig, 'too much sent before the plan opened');
      else early.push(data);
    };
    ws.on('message', (data, isBinary) => {
      try {
        if (isBinary) onMessage(data);
        else ws.close(CloseCode.malformedMessage, 'text frame');
      } catch (err) {
        // A fault in our own handling ends this connection only, never the server.
        log.error({ err }, 'failed handling a sync message');
        ws.terminate();
      }
    });

    let room;
    try {
      room = await rooms.acquire(planId);
    } catch (err) {
      const known = err instanceof AppError;
      if (!known || err.isReportable) log.error({ planId, err }, 'could not open plan');
      return ws.close(known ? err.closeCode : CloseCode.serverError, known ? err.id : 'server error');
    }
    if (ws.readyState !== ws.OPEN) return rooms.release(room);
    if (room.members.size >= LIMITS.maxConnectionsPerPlan) {
      rooms.release(room);
      return ws.close(CloseCode.planFull, 'plan full');
    }
    // Read the session and the circle again now the plan is open: a sign-out or a change made while it loaded is
    // not missed.
    const session = await accounts.getSession(sessionHash, new Date()).catch(() => null);
    if (!session) {
      rooms.release(room);
      return ws.close(CloseCode.notSignedIn, 'notSignedIn');
    }
    const circle = await circles.getCircle(planId).catch(() => null);
    const member = circle && memberOf(circle, account.id);
    if (!circle || !member || ws.readyState !== ws.OPEN) {
      rooms.release(room);
      return ws.close(circle ? CloseCode.notInCircle : CloseCode.serverError, circle ? 'notInCircle' : 'serverError');
    }
    const identity = { accountId: account.id, name: account.displayName, role: member.role, color: colorForName(account.displayName) };
    const connection = new Connection(ws, room, identity, sessionHash, accessOf(circle, member, account.displayName), log);
    ws.on('close', () => {
      room.leave(connection);
      rooms.release(room);
    });
    connection.start();
    onMessage = (data) => connection.receive(toBytes(data));
    for (const data of early.splice(0)) connection.receive(toBytes(data));

    let alive = true;
    ws.on('pong', () => {
      alive = true;
    });
    const keepalive = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, KEEPALIVE_MS);
    ws.on('close', () => clearInterval(keepalive));
  };

  return {
    async close() {
      closing = true;
      unsubscribe();
      unsubscribeSessions();
      httpServer.off('upgrade', onUpgrade);
      const closed = [...sockets].map(
        (ws) =>
          new Promise<void>((resolve) => {
            ws.once('close', () => resolve());
            ws.close(CloseCode.serverRestarting, 'server restarting');
            setTimeout(() => {
              ws.terminate();
              resolve();
            }, 2000).unref();
          }),
      );
      await Promise.all(closed);
      wss.close();
    },
  };
}

/**
 * Whether a browser's request comes from a page of this server. Browsers always send Origin on WebSocket requests;
 * another site's page must not open a connection with the visitor's cookie (cross-site WebSocket hijacking).
 * Requests without an Origin do not come from a browser page (scripts, tests) and still need a session.
 */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/** The path and query of a request, or null when it is not a plain path (an absolute URL, or one URL cannot read). */
function parseRequestPath(raw: string | undefined): URL | null {
  if (!raw || !raw.startsWith('/')) return null;
  try {
    return new URL(raw, 'http://localhost');
  } catch {
    return null;
  }
}

function rawLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data.byteLength;
}
