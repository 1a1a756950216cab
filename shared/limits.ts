// Every limit that the browser and the server must agree on, in one place.

export const LIMITS = {
  /** Largest WebSocket message the server accepts from a client, in bytes. */
  maxMessageBytes: 1024 * 1024,
  /** Largest awareness (presence) state of one client, in bytes of JSON. */
  maxAwarenessStateBytes: 4 * 1024,
  /** Deepest nesting allowed inside an awareness state. */
  maxAwarenessDepth: 6,
  /** Most people connected to one plan at the same time. */
  maxConnectionsPerPlan: 100,
  /** Display name length, in characters. */
  maxDisplayNameLength: 60,
  /** Plan title length, in characters. */
  maxPlanTitleLength: 120,
  /** Largest JSON body the REST API accepts. */
  maxRestBodyBytes: 16 * 1024,
} as const;

/** How the server batches writes: never later than this after the first unsaved change. */
export const SAVE_TIMING = {
  /** Wait this long after a change for more to arrive before writing. */
  batchDelayMs: 20,
  /** A change is never kept waiting for a write longer than this. */
  maxBatchDelayMs: 100,
} as const;
