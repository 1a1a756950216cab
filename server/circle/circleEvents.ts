// Tells whoever listens (the sync server) that a plan's circle changed, so live connections get their new rights
// at once: a removed member is disconnected, a downgraded one made read-only, a newly opened section editable.

type Listener = (planId: string) => void;

export class CircleEvents {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(planId: string): void {
    for (const listener of this.listeners) listener(planId);
  }
}
