// What the save indicator says, and how a page knows its changes are on the server's disk. Framework-free, so the
// browser and the tests' clients share it.

export type SaveState = 'saving' | 'saved' | 'offlineUnsaved' | 'offlineSaved' | 'connecting' | 'stopped' | 'stoppedSaved';

/**
 * Knows whether everything this page changed is on the server's disk. After local changes, while connected and
 * synced, it asks the server for a checkpoint (MessageType.checkpoint) and counts the changes made before asking
 * as saved when the answer comes. Deletions and formatting count the same as typing. One question at a time.
 */
export class SaveTracker {
  private changes = 0;
  private savedChanges = 0;
  private asked: { token: number; changes: number } | null = null;
  private nextToken = 1;

  /** `ask` sends a checkpoint request and says whether it could. */
  constructor(private readonly ask: (token: number) => boolean) {}

  /** Something changed here (typing, deleting, formatting, undo). */
  localChange(): void {
    this.changes += 1;
  }

  /** Ask for a checkpoint if there is something unsaved and the connection can carry the question now. */
  askIfNeeded(connectedAndSynced: boolean): void {
    if (!connectedAndSynced || this.asked || this.savedChanges >= this.changes) return;
    const token = this.nextToken++;
    if (this.ask(token)) this.asked = { token, changes: this.changes };
  }

  /** The server answered a checkpoint. Returns whether it was the one we were waiting for. */
  answered(token: number): boolean {
    if (this.asked?.token !== token) return false;
    this.savedChanges = this.asked.changes;
    this.asked = null;
    return true;
  }

  /** The connection dropped: an unanswered question will never be answered. */
  connectionLost(): void {
    this.asked = null;
  }

  get allSaved(): boolean {
    return this.savedChanges >= this.changes;
  }

  /** How many local changes there have been, and how many of the first ones are known to be on disk. */
  get counts(): { changes: number; saved: number } {
    return { changes: this.changes, saved: this.savedChanges };
  }
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
