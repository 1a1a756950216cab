// Presence colours: each has at least 4.5:1 contrast with white text (caret labels) and with a white page.

export const PRESENCE_COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#0e7490', '#be185d', '#4d7c0f'] as const;

/** A stable colour for a name, so a person keeps their colour across reloads. */
export function colorForName(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length]!;
}

/** The WebSocket path prefix; the plan id follows it (`/sync/<planId>`). */
export const SYNC_PATH = '/sync';
