// The live-sync endpoint: a `ws` server on the same HTTP server as the app, speaking the y-websocket protocol
// at /sync/<planId>. Checks the plan id and the joiner's identity before anything else, loads the plan fully
// before answering, and ends only the connection at fault when something is wrong.

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { colorForName, SYNC_PATH } from '../../shared/presence.js';
import { joinIdentitySchema, PLAN_ID_PATTERN } from '../../shared/schemas.js';
import { AppError } from '../errors.js';
import { Connection } from './connection.js';
import type { Rooms } from './rooms.js';

const KEEPALIVE_MS = 30_000;

export interface SyncServer {
  /** Close every connection (telling clients to reconnect later) and stop accepting new ones. */
  close(): Promise<void>;
}

export function attachSyncServer(httpServer: Server, rooms: Rooms, log: Logger): SyncServer {
  // `ws` enforces a hard cap well above our limit; our own check answers with CloseCode.messageTooBig.
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxMessageBytes * 2 });
  const sockets = new Set<WebSocket>();
  let closing = false;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until `ws` takes the socket over, a reset from the other end must not become an unhandled error.
    socket.on('error', () => socket.destroy());
    const url = parseRequestPath(req.url);
    if (closing || url === null || !url.pathname.startsWith(`${SYNC_PATH}/`)) {
      const status = closing ? '503 Service Unavailable' : url === null ? '400 Bad Request' : '404 Not Found';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      void join(ws, url);
    });
  };
  httpServer.on('upgrade', onUpgrade);

  const join = async (ws: WebSocket, url: URL) => {
    ws.on('error', (err) => log.debug({ err }, 'socket error'));
    const planId = url.pathname.slice(SYNC_PATH.length + 1);
    if (!PLAN_ID_PATTERN.test(planId)) return ws.close(CloseCode.planNotFound, 'no such plan');
    const identity = joinIdentitySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!identity.success) return ws.close(CloseCode.invalidIdentity, 'name and role are needed');

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
    const connection = new Connection(ws, room, { ...identity.data, color: colorForName(identity.data.name) }, log);
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
