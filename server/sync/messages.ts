// The messages the sync server sends, encoded in one place.

import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import { MessageType } from '../../shared/protocol.js';

function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const syncStep1Message = (doc: Y.Doc) => message(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, doc));

export const syncStep2Message = (doc: Y.Doc, stateVector: Uint8Array) =>
  message(MessageType.sync, (e) => syncProtocol.writeSyncStep2(e, doc, stateVector));

export const updateMessage = (update: Uint8Array) => message(MessageType.sync, (e) => syncProtocol.writeUpdate(e, update));

export const awarenessMessage = (awareness: awarenessProtocol.Awareness, clientIds: number[]) =>
  message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clientIds)));

export const checkpointMessage = (token: number) => message(MessageType.checkpoint, (e) => encoding.writeVarUint(e, token));

/** The plan's record changed (a version, an agreement): the browser fetches what it shows of it again. */
export const recordChangedMessage = () => message(MessageType.recordChanged, () => {});

/** The plan's comments or suggestions changed: the browser fetches the discussion again. */
export const discussionChangedMessage = () => message(MessageType.discussionChanged, () => {});

/** A meeting of the plan changed: the browser fetches the meetings again. */
export const meetingChangedMessage = () => message(MessageType.meetingChanged, () => {});
