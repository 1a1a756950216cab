// What the save indicator says. Pure, so the browser and tests agree on it: "saved" only when every change this
// browser made is in the state vector the server reports as written to disk.

export type SaveState = 'saving' | 'saved' | 'offlineUnsaved' | 'offlineSaved' | 'connecting' | 'stopped' | 'stoppedSaved';

/** True when every clock this browser produced (under any of its client ids) is on the server's disk. */
export function allLocalChangesOnDisk(
  localStateVector: ReadonlyMap<number, number>,
  savedStateVector: ReadonlyMap<number, number>,
  ownClientIds: Iterable<number>,
): boolean {
  for (const clientId of ownClientIds) {
    const local = localStateVector.get(clientId) ?? 0;
    if (local > (savedStateVector.get(clientId) ?? 0)) return false;
  }
  return true;
}

export function computeSaveState(input: {
  connection: 'connected' | 'connecting' | 'disconnected';
  /** Whether this page has ever been connected to the server. */
  everConnected: boolean;
  allSaved: boolean;
  /** The server ended the connection for good (a 44xx close): nothing more will be sent. */
  stopped?: boolean;
}): SaveState {
  if (input.stopped) return input.allSaved ? 'stoppedSaved' : 'stopped';
  if (input.connection !== 'connected') {
    if (!input.everConnected) return 'connecting';
    return input.allSaved ? 'offlineSaved' : 'offlineUnsaved';
  }
  return input.allSaved ? 'saved' : 'saving';
}
