// A bare `ws` WebSocket that speaks the sync protocol by hand, for sending what no well-behaved provider would.

import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../../shared/protocol.js';
import { SYNC_PATH } from '../../shared/presence.js';

export interface RawSocket {
  ws: WebSocket;
  /** Binary messages received so far. */
  messages: Uint8Array[];
  /** Resolves with the close code and reason, whoever closed. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the HTTP status if the server refused the upgrade. */
  refused: Promise<number>;
  /** Resolves once the server has sent its first message (the plan is loaded and the connection joined). */
  joined(): Promise<void>;
  isOpen(): boolean;
}

export function syncUrl(baseUrl: string, planId: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}${SYNC_PATH}/${planId}`;
}

/** A raw connection, signed in as whoever `cookie` belongs to (none: not signed in). `headers` adds to the request. */
export function connectRaw(url: string, cookie?: string, headers: Record<string, string> = {}): RawSocket {
  const ws = new WebSocket(url, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const messages: Uint8Array[] = [];
  let firstMessage: () => void = () => {};
  const first = new Promise<void>((resolve) => (firstMessage = resolve));
  ws.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) return;
    messages.push(new Uint8Array(data));
    firstMessage();
  });
  ws.on('error', () => {}); // reported through `closed` / `refused`
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const refused = new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => {
    resolve(res.statusCode ?? 0);
    res.resume();
  }));
  return {
    ws,
    messages,
    closed,
    refused,
    joined: () => Promise.race([first, closed.then(({ code }) => Promise.reject(new Error(`closed with ${code} before joining`)))]),
    isOpen: () => ws.readyState === WebSocket.OPEN,
  };
}

export function syncMessage(subtype: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const updateMessage = (update: Uint8Array) => syncMessage(syncProtocol.messageYjsUpdate, update);

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness update written by hand: any client id, clock and JSON text. */
export function awarenessEntries(entries: { clientId: number; clock: number; json: string }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}
