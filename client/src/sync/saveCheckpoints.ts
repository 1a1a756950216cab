// Connects a SaveTracker (shared/saveState.ts) to a y-websocket provider: local changes are counted, checkpoint
// questions go out on the provider's socket after its own messages, and answers come back through its handlers.
// No browser APIs, so tests' Node clients use it too.

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { MessageType } from '../../../shared/protocol.js';
import { SaveTracker } from '../../../shared/saveState.js';

export function attachSaveTracker(provider: WebsocketProvider, doc: Y.Doc, onChange: () => void): SaveTracker {
  const ready = () => provider.wsconnected && provider.synced;
  const tracker = new SaveTracker((token) => {
    const ws = provider.ws;
    if (!ready() || !ws || ws.readyState !== ws.OPEN) return false;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.checkpoint);
    encoding.writeVarUint(encoder, token);
    ws.send(encoding.toUint8Array(encoder));
    return true;
  });

  provider.messageHandlers[MessageType.checkpoint] = (_encoder, decoder: decoding.Decoder) => {
    if (tracker.answered(decoding.readVarUint(decoder))) tracker.askIfNeeded(ready());
    onChange();
  };
  // The provider registered its own update handler first, so a change is on the socket before our question.
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider) return;
    tracker.localChange();
    tracker.askIfNeeded(ready());
    onChange();
  });
  // After a (re)connection the provider has sent its step 2 (what the server lacked) before it is synced.
  provider.on('sync', (synced: boolean) => {
    tracker.askIfNeeded(synced && provider.wsconnected);
    onChange();
  });
  provider.on('status', ({ status }) => {
    if (status !== 'connected') tracker.connectionLost();
    onChange();
  });
  return tracker;
}
