// Tells whoever listens (the sync server) that someone's access changed, so live connections follow at once:
// a plan's circle changed (a removed member is disconnected, a downgraded one made read-only, a newly opened section
// becomes editable), or an account's sessions ended (signing out, or a password change signing out everywhere else).

type Listener<T> = (value: T) => void;

export class AccessEvents {
  private readonly circleListeners = new Set<Listener<string>>();
  private readonly sessionListeners = new Set<Listener<string>>();

  onCircleChanged(listener: Listener<string>): () => void {
    this.circleListeners.add(listener);
    return () => this.circleListeners.delete(listener);
  }

  onSessionsEnded(listener: Listener<string>): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  circleChanged(planId: string): void {
    for (const listener of this.circleListeners) listener(planId);
  }

  /** Some of the account's sessions ended; connections opened with them must close. */
  sessionsEnded(accountId: string): void {
    for (const listener of this.sessionListeners) listener(accountId);
  }
}
