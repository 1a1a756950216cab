// The English and Welsh catalogues hold the same keys, every key the app asks for exists in both, and the
// Welsh is Welsh (not English left in place).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.js';
import { ERROR_IDS } from '../../shared/errors.js';
import { catalogues } from '../../shared/i18n/index.js';
import review from '../../shared/i18n/cy-review.json' with { type: 'json' };
import { ROLES } from '../../shared/roles.js';
import { SECTIONS } from '../../shared/sections.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const en = flatten(catalogues.en as unknown as Tree);
const cy = flatten(catalogues.cy as unknown as Tree);
/** Keys whose value is a proper name or the same in both languages. */
const SAME_IN_BOTH = new Set(['app.name', 'language.en', 'language.cy']);
/** Plural forms: Welsh has more of them than English. */
const pluralBase = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function has(catalogue: Map<string, string>, key: string): boolean {
  return catalogue.has(key) || catalogue.has(`${key}_other`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : /\.(ts|tsx)$/.test(name) ? [file] : [];
  });
}

describe('i18n catalogues', () => {
  it('English and Welsh have the same keys (allowing Welsh plural forms)', () => {
    const enBases = new Set([...en.keys()].map(pluralBase));
    const cyBases = new Set([...cy.keys()].map(pluralBase));
    expect([...cyBases].filter((k) => !enBases.has(k))).toEqual([]);
    expect([...enBases].filter((k) => !cyBases.has(k))).toEqual([]);
  });

  it('has no empty strings, and the Welsh is not English left in place', () => {
    for (const [key, value] of [...en, ...cy]) expect(value.trim(), key).not.toBe('');
    const untranslated = [...en].filter(([key, value]) => !SAME_IN_BOTH.has(key) && cy.get(key) === value).map(([k]) => k);
    expect(untranslated).toEqual([]);
  });

  it('every key the browser app asks for by name exists in both languages', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.resolve('client/src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    const missing = [...used].filter((key) => !has(en, key) || !has(cy, key));
    expect(missing).toEqual([]);
  });

  it('has a heading and prompt for every section, and every role, close code, error and save state', () => {
    const keys = [
      ...SECTIONS.flatMap((s) => [
        `sections.${s.id}.heading`,
        `sections.${s.id}.prompt`,
        ...(s.walesPrompt ? [`sections.${s.id}.promptWales`] : []),
      ]),
      ...ROLES.map((r) => `roles.${r}`),
      ...Object.keys(CloseCode).map((c) => `close.${c}`),
      ...ERROR_IDS.map((e) => `errors.${e}`),
      'errors.network',
      ...['saving', 'saved', 'offlineUnsaved', 'offlineSaved', 'connecting', 'stopped', 'stoppedSaved'].map((s) => `save.${s}`),
    ];
    expect(keys.filter((key) => !en.has(key) || !cy.has(key))).toEqual([]);
  });

  it('lists only real keys as wanting a Welsh speaker’s review', () => {
    expect(review.keys.filter((key) => !cy.has(key))).toEqual([]);
  });
});
