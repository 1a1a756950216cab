// How the pages look for this person: text size, contrast and the easy-read view. Applied as attributes on <html>
// (the stylesheet does the rest), remembered on this device, and — when someone is signed in — kept with their
// account so it follows them (see DisplaySync). Works, forgetfully, when storage is blocked.

import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { CONTRASTS, DEFAULT_PREFERENCES, TEXT_SIZES, type Preferences } from '../../../shared/preferences.js';
import { readStored, writeStored } from '../storage.js';

export type Display = Omit<Preferences, 'language'>;

const DISPLAY_KEY = 'cylch.display';
const displaySchema = z.object({
  textSize: z.enum(TEXT_SIZES).catch(DEFAULT_PREFERENCES.textSize),
  contrast: z.enum(CONTRASTS).catch(DEFAULT_PREFERENCES.contrast),
  easyRead: z.boolean().catch(DEFAULT_PREFERENCES.easyRead),
});

function stored(): Display {
  try {
    const raw = readStored(DISPLAY_KEY);
    if (raw) return displaySchema.parse(JSON.parse(raw));
  } catch {
    // Not ours, or broken: the defaults.
  }
  return { textSize: DEFAULT_PREFERENCES.textSize, contrast: DEFAULT_PREFERENCES.contrast, easyRead: DEFAULT_PREFERENCES.easyRead };
}

let current: Display = stored();
const listeners = new Set<() => void>();

function apply(display: Display): void {
  const root = document.documentElement;
  root.dataset.textSize = display.textSize;
  root.dataset.contrast = display.contrast;
  root.dataset.easyRead = String(display.easyRead);
}

/** Called once before the first render, so the first paint is already the right size. */
export function applyStoredDisplay(): void {
  apply(current);
}

/** Change some of the display settings here (the caller saves them to the account when signed in). */
export function setDisplay(change: Partial<Display>): Display {
  current = { ...current, ...change };
  apply(current);
  writeStored(DISPLAY_KEY, JSON.stringify(current));
  listeners.forEach((l) => l());
  return current;
}

export function useDisplay(): Display {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/** True when nothing has been changed from the defaults. */
export const isDefaultDisplay = (d: Display) =>
  d.textSize === DEFAULT_PREFERENCES.textSize && d.contrast === DEFAULT_PREFERENCES.contrast && d.easyRead === DEFAULT_PREFERENCES.easyRead;
