// Two points in a plan's history compared, section by section, with every addition and removal attributed.
//
// The plan is rebuilt from its history once (its document keeps deleted content), with a Yjs snapshot taken at
// each point. While the entries between the points are replayed, each one's new content (the clocks it added per
// Yjs client) and each one's deletions (the items that transaction deleted, and only those) are noted with the
// entry's author — so who added and who removed each piece comes from the server's record, never the browser.
// Then every section is walked: an item visible at one point and not the other was added or removed in between;
// and its structured parts (budget, outcomes…) are compared field by field (partChanges.ts), with the same authors.

import * as Y from 'yjs';
import { DATA_PARTS } from '../../shared/planData.js';
import { sectionFieldName } from '../../shared/protocol.js';
import { SECTION_IDS, type SectionId } from '../../shared/sections.js';
import type { DiffBlock, DiffChange, DiffMark, DiffRun, SectionDiff } from '../../shared/versions.js';
import type { StoredHistoryEntry } from '../storage/types.js';
import { fromBase64 } from '../storage/base64.js';
import { partsOfSection, partsThen, sectionPartChanges } from './partChanges.js';
import { partContent, sectionTextContent } from './planContent.js';

const SAFE_LINK = /^(https?:|mailto:)/i;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const wordsIn = (text: string) => text.match(WORD)?.length ?? 0;
const MARKS: readonly DiffMark[] = ['bold', 'italic', 'underline', 'strike', 'code', 'link'];

interface Who {
  accountId: string | null;
  at: string;
}

/** Clock ranges of one Yjs client, each with who is behind it; found by binary search. */
class Ranges {
  private readonly byClient = new Map<number, [start: number, end: number, who: Who][]>();
  private sorted = true;

  add(client: number, start: number, end: number, who: Who): void {
    const list = this.byClient.get(client) ?? [];
    if (list.length > 0 && list.at(-1)![0] > start) this.sorted = false;
    list.push([start, end, who]);
    this.byClient.set(client, list);
  }

  find(client: number, clock: number): Who | null {
    const list = this.byClient.get(client);
    if (!list) return null;
    if (!this.sorted) {
      for (const l of this.byClient.values()) l.sort((a, b) => a[0] - b[0]);
      this.sorted = true;
    }
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [start, end, who] = list[mid]!;
      if (clock < start) hi = mid - 1;
      else if (clock >= end) lo = mid + 1;
      else return who;
    }
    return null;
  }
}

/** Whether an item is there at a snapshot: written by then, and not deleted by then. */
const visibleAt = (item: Y.Item, snapshot: Y.Snapshot) =>
  (snapshot.sv.get(item.id.client) ?? 0) > item.id.clock && !Y.isDeleted(snapshot.ds, item.id);

export interface Comparison {
  sections: SectionDiff[];
  /** Account ids named in the changes. */
  accountIds: Set<string>;
}

/**
 * Compares the plan as it was after entry `fromSeq` with the plan after entry `toSeq` (fromSeq ≤ toSeq), using
 * every entry up to `toSeq`.
 */
export function comparePoints(entries: readonly StoredHistoryEntry[], fromSeq: number, toSeq: number): Comparison {
  const doc = new Y.Doc({ gc: false });
  try {
    const apply = (entry: StoredHistoryEntry) => {
      for (const update of entry.updates) Y.applyUpdate(doc, fromBase64(update));
    };
    for (const entry of entries.slice(0, fromSeq)) apply(entry);
    const from = Y.snapshot(doc);
    const textThen = new Map(SECTION_IDS.map((id) => [id, sectionTextContent(doc, id)]));
    const partsContent = (id: SectionId) => partsOfSection(id).map((part) => partContent(doc, DATA_PARTS[part].root)).join('\n');
    const partsContentThen = new Map(SECTION_IDS.map((id) => [id, partsContent(id)]));
    const parts = new Map(SECTION_IDS.map((id) => [id, partsThen(doc, id)]));
    const added = new Ranges();
    const removed = new Ranges();
    let current: Who = { accountId: null, at: new Date(0).toISOString() };
    const note = (tr: Y.Transaction) => {
      for (const [client, after] of tr.afterState) {
        const before = tr.beforeState.get(client) ?? 0;
        if (after > before) added.add(client, before, after, current);
      }
      for (const [client, deletes] of tr.deleteSet.clients) for (const d of deletes) removed.add(client, d.clock, d.clock + d.len, current);
    };
    doc.on('afterTransaction', note);
    for (const entry of entries.slice(fromSeq, toSeq)) {
      current = { accountId: entry.kind === 'edit' || entry.kind === 'restore' || entry.kind === 'suggestion' ? entry.accountId : null, at: entry.until };
      apply(entry);
    }
    doc.off('afterTransaction', note);
    const to = Y.snapshot(doc);

    const change = (type: 'added' | 'removed', id: Y.ID): DiffChange => {
      const who = (type === 'added' ? added : removed).find(id.client, id.clock);
      return { type, accountId: who?.accountId ?? null, at: who?.at ?? null };
    };
    const sections = SECTION_IDS.map((id): SectionDiff => {
      // Words that read exactly as they did (say, restored to this point) have no changes to show, though they were
      // written again: they are shown as they read, unmarked.
      const diff = diffSection(doc, id, from, to, change);
      const text = sectionTextContent(doc, id) === textThen.get(id) ? unchanged(diff) : diff;
      const partChanges = sectionPartChanges(doc, id, parts.get(id)!, change);
      // Lines only put in another order change the part, with nothing field by field to show.
      const partsChanged = partChanges.length > 0 || partsContent(id) !== partsContentThen.get(id);
      return { ...text, changed: text.changed || partsChanged, parts: partChanges };
    });
    const accountIds = new Set<string>();
    for (const section of sections) {
      for (const part of section.parts) if (part.accountId) accountIds.add(part.accountId);
      for (const block of section.blocks) {
        if (block.change?.accountId) accountIds.add(block.change.accountId);
        for (const run of block.runs) if (run.change?.accountId) accountIds.add(run.change.accountId);
      }
    }
    return { sections, accountIds };
  } finally {
    doc.destroy();
  }
}

interface Context {
  depth: number;
  ordered: boolean;
  inListItem: boolean;
  inQuote: boolean;
  change: DiffChange | null;
}

function diffSection(
  doc: Y.Doc,
  sectionId: SectionId,
  from: Y.Snapshot,
  to: Y.Snapshot,
  change: (type: 'added' | 'removed', id: Y.ID) => DiffChange,
): SectionDiff {
  const blocks: DiffBlock[] = [];

  /** The children of an element or section that are there at either point, each with its own change (if any). */
  const children = (type: Y.XmlFragment | Y.XmlElement, inherited: DiffChange | null) => {
    const found: { node: Y.XmlElement | Y.XmlText; change: DiffChange | null }[] = [];
    for (let item = type._start; item !== null; item = item.right) {
      if (!(item.content instanceof Y.ContentType)) continue;
      const atTo = visibleAt(item, to);
      const atFrom = visibleAt(item, from);
      if (!atTo && !atFrom) continue;
      const own = atTo && atFrom ? null : change(atTo ? 'added' : 'removed', item.id);
      found.push({ node: item.content.type as Y.XmlElement | Y.XmlText, change: inherited ?? own });
    }
    return found;
  };

  const textRuns = (text: Y.XmlText, inherited: DiffChange | null): DiffRun[] => {
    const delta = text.toDelta(to, from, (type: 'added' | 'removed', id: Y.ID) => change(type, id)) as {
      insert: unknown;
      attributes?: Record<string, unknown>;
    }[];
    return delta.flatMap((op) => {
      if (typeof op.insert !== 'string') return [];
      const attributes = op.attributes ?? {};
      const marks = MARKS.filter((m) => Boolean(attributes[m]));
      const href = (attributes.link as { href?: unknown } | undefined)?.href;
      return [
        {
          text: op.insert,
          marks,
          href: typeof href === 'string' && SAFE_LINK.test(href) ? href : null,
          change: (attributes.ychange as DiffChange | undefined) ?? inherited,
        },
      ];
    });
  };

  const block = (element: Y.XmlElement | null, ctx: Context, runsOf: () => DiffRun[]) => {
    const name = element?.nodeName ?? 'other';
    const type: DiffBlock['type'] = ctx.inListItem
      ? 'listItem'
      : ctx.inQuote
        ? 'blockquote'
        : name === 'paragraph' || name === 'heading' || name === 'codeBlock' || name === 'horizontalRule'
          ? name
          : 'other';
    const level = type === 'heading' ? Number(element?.getAttribute('level')) || 3 : type === 'listItem' ? ctx.depth : 0;
    blocks.push({ type, level, ordered: type === 'listItem' && ctx.ordered, change: ctx.change, runs: mergeRuns(runsOf()) });
  };

  const walk = (node: Y.XmlElement | Y.XmlText, ctx: Context) => {
    if (node instanceof Y.XmlText) {
      block(null, ctx, () => textRuns(node, ctx.change));
      return;
    }
    switch (node.nodeName) {
      case 'bulletList':
      case 'orderedList':
        for (const c of children(node, ctx.change)) walk(c.node, { ...ctx, depth: ctx.depth + 1, ordered: node.nodeName === 'orderedList', inListItem: false, change: c.change });
        return;
      case 'listItem':
        for (const c of children(node, ctx.change)) walk(c.node, { ...ctx, inListItem: true, change: c.change });
        return;
      case 'blockquote':
        for (const c of children(node, ctx.change)) walk(c.node, { ...ctx, inQuote: true, change: c.change });
        return;
      case 'horizontalRule':
        block(node, ctx, () => []);
        return;
      default: {
        const parts = children(node, ctx.change);
        if (parts.some((p) => p.node instanceof Y.XmlElement && isContainer(p.node))) {
          // Something newer than this comparison knows, holding blocks: keep its words.
          for (const c of parts) walk(c.node, { ...ctx, change: c.change });
          return;
        }
        block(node, ctx, () =>
          parts.flatMap((p) =>
            p.node instanceof Y.XmlText
              ? textRuns(p.node, p.change)
              : [{ text: p.node.nodeName === 'hardBreak' ? '\n' : '', marks: [], href: null, change: p.change }],
          ),
        );
      }
    }
  };

  const fragment = doc.getXmlFragment(sectionFieldName(sectionId));
  for (const c of children(fragment, null)) {
    walk(c.node, { depth: 0, ordered: false, inListItem: false, inQuote: false, change: c.change });
  }
  const visibleBlocks = blocks.filter((b) => b.type === 'horizontalRule' || b.runs.some((r) => r.text !== '') || b.change === null);
  const byAuthor = new Map<string | null, { accountId: string | null; addedWords: number; removedWords: number }>();
  let changed = false;
  for (const b of visibleBlocks) {
    if (b.change && b.type === 'horizontalRule') changed = true;
    for (const r of b.runs) {
      if (!r.change || r.text === '') continue;
      changed = true;
      const tally = byAuthor.get(r.change.accountId) ?? { accountId: r.change.accountId, addedWords: 0, removedWords: 0 };
      if (r.change.type === 'added') tally.addedWords += wordsIn(r.text);
      else tally.removedWords += wordsIn(r.text);
      byAuthor.set(r.change.accountId, tally);
    }
  }
  return { sectionId, changed, blocks: visibleBlocks, byAuthor: [...byAuthor.values()], parts: [] };
}

/** A section with the same content at both points: what it reads now, with no changes marked. */
function unchanged(diff: SectionDiff): SectionDiff {
  const blocks = diff.blocks
    .filter((b) => b.change?.type !== 'removed')
    .map((b) => ({ ...b, change: null, runs: mergeRuns(b.runs.filter((r) => r.change?.type !== 'removed').map((r) => ({ ...r, change: null }))) }));
  return { sectionId: diff.sectionId, changed: false, blocks, byAuthor: [], parts: [] };
}

const isContainer = (element: Y.XmlElement) =>
  ['paragraph', 'heading', 'codeBlock', 'bulletList', 'orderedList', 'listItem', 'blockquote', 'horizontalRule'].includes(element.nodeName);

/** Neighbouring runs with the same marks, link and change (by the same person) become one. */
function mergeRuns(runs: DiffRun[]): DiffRun[] {
  const merged: DiffRun[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (
      last &&
      last.href === run.href &&
      last.marks.join() === run.marks.join() &&
      last.change?.type === run.change?.type &&
      last.change?.accountId === run.change?.accountId
    ) {
      last.text += run.text;
    } else {
      merged.push({ ...run, marks: [...run.marks] });
    }
  }
  return merged;
}
