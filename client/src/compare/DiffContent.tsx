// A section's content with the changes between two points marked: additions in <ins>, removals in <del>, each in the
// colour of who made it, with a tooltip and words for screen readers ("added by Megan Evans … end of addition"), so
// nothing rests on colour alone. Drawn as React elements (never HTML strings) in the same shapes the editor writes:
// consecutive list items become real lists, headings sit under the section's h3, marks as StaticSection draws them.

import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffBlock, DiffChange, DiffRun } from '../../../shared/versions.js';
import { authorClass, changeLabel, changeTitle, type ChangeAuthors } from './diffWords.js';

const SAFE_LINK = /^(https?:|mailto:)/i;

export function DiffContent({ blocks, authors }: { blocks: readonly DiffBlock[]; authors: ChangeAuthors }) {
  const out: ReactNode[] = [];
  let i = 0;
  while (i < blocks.length) {
    const block = blocks[i]!;
    if (block.type === 'listItem') {
      const [list, next] = listFrom(blocks, i, depth(block), authors);
      out.push(list);
      i = next;
    } else {
      out.push(<Block key={i} block={block} authors={authors} />);
      i += 1;
    }
  }
  return <>{out}</>;
}

const depth = (block: DiffBlock) => Math.max(1, block.level);

/** The list that starts at `start` (items at `level`, deeper ones nested in the item before), and where it ends. */
function listFrom(blocks: readonly DiffBlock[], start: number, level: number, authors: ChangeAuthors): [ReactNode, number] {
  const ordered = blocks[start]!.ordered;
  const items: { block: DiffBlock | null; key: number; nested: ReactNode[] }[] = [];
  let i = start;
  while (i < blocks.length && blocks[i]!.type === 'listItem' && depth(blocks[i]!) >= level) {
    const block = blocks[i]!;
    if (depth(block) === level) {
      if (block.ordered !== ordered) break; // a list of the other kind starts here
      items.push({ block, key: i, nested: [] });
      i += 1;
    } else {
      const [nested, next] = listFrom(blocks, i, depth(block), authors);
      if (items.length === 0) items.push({ block: null, key: i, nested: [] });
      items.at(-1)!.nested.push(nested);
      i = next;
    }
  }
  const children = items.map((item) => (
    <li key={item.key} className={item.block?.change ? `diff-block ${authorClass(item.block.change.accountId, authors)}` : undefined}>
      {item.block && <Runs block={item.block} authors={authors} />}
      {item.nested.map((n, k) => (
        <Fragment key={k}>{n}</Fragment>
      ))}
    </li>
  ));
  const list = ordered ? <ol key={start}>{children}</ol> : <ul key={start}>{children}</ul>;
  return [list, i];
}

function Block({ block, authors }: { block: DiffBlock; authors: ChangeAuthors }) {
  const className = block.change ? `diff-block ${authorClass(block.change.accountId, authors)}` : undefined;
  const runs = <Runs block={block} authors={authors} />;
  switch (block.type) {
    case 'heading':
      return block.level >= 4 ? <h5 className={className}>{runs}</h5> : <h4 className={className}>{runs}</h4>;
    case 'blockquote':
      return (
        <blockquote className={className}>
          <p>{runs}</p>
        </blockquote>
      );
    case 'codeBlock':
      return (
        <pre className={className}>
          <code>{runs}</code>
        </pre>
      );
    case 'horizontalRule':
      return block.change ? <BlockRule change={block.change} authors={authors} /> : <hr />;
    case 'paragraph':
      return <p className={className}>{runs}</p>;
    default:
      return <div className={className}>{runs}</div>;
  }
}

/** A line across the page that was added or removed: said in words too. */
function BlockRule({ change, authors }: { change: DiffChange; authors: ChangeAuthors }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={`diff-block ${authorClass(change.accountId, authors)}`} title={changeTitle(change, authors, i18n.language, t)}>
      <hr />
      <span className="visually-hidden">{`${t('compare.rule')}: ${changeLabel(change, authors, t)}`}</span>
    </div>
  );
}

const changeKey = (change: DiffChange | null) => (change ? `${change.type}|${change.accountId ?? ''}|${change.at ?? ''}` : '');

/** A block's runs; neighbouring runs with the same change share one <ins> or <del>. */
function Runs({ block, authors }: { block: DiffBlock; authors: ChangeAuthors }) {
  const groups: { change: DiffChange | null; runs: DiffRun[] }[] = [];
  for (const run of block.runs) {
    // A run inside a block that was added or removed as a whole carries that change, if it has none of its own.
    const change = run.change ?? block.change;
    const last = groups.at(-1);
    if (last && changeKey(last.change) === changeKey(change)) last.runs.push(run);
    else groups.push({ change, runs: [run] });
  }
  return (
    <>
      {groups.map((group, i) => {
        const text = group.runs.map((run, k) => <MarkedText key={k} run={run} />);
        return group.change ? (
          <Change key={i} change={group.change} authors={authors}>
            {text}
          </Change>
        ) : (
          <Fragment key={i}>{text}</Fragment>
        );
      })}
    </>
  );
}

function Change({ change, authors, children }: { change: DiffChange; authors: ChangeAuthors; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const props = {
    className: `diff-change ${authorClass(change.accountId, authors)}`,
    title: changeTitle(change, authors, i18n.language, t),
    'data-author': change.accountId ?? '',
  };
  const inner = (
    <>
      <span className="visually-hidden">{`${changeLabel(change, authors, t)}: `}</span>
      {children}
      <span className="visually-hidden">{` ${t(change.type === 'added' ? 'compare.endAdded' : 'compare.endRemoved')}`}</span>
    </>
  );
  return change.type === 'added' ? <ins {...props}>{inner}</ins> : <del {...props}>{inner}</del>;
}

function MarkedText({ run }: { run: DiffRun }) {
  let node: ReactNode = run.text;
  const marks = new Set(run.marks);
  if (marks.has('code')) node = <code>{node}</code>;
  if (marks.has('strike')) node = <s>{node}</s>;
  if (marks.has('underline')) node = <u>{node}</u>;
  if (marks.has('italic')) node = <em>{node}</em>;
  if (marks.has('bold')) node = <strong>{node}</strong>;
  if (marks.has('link') && run.href && SAFE_LINK.test(run.href)) {
    node = (
      <a href={run.href} rel="noopener noreferrer nofollow">
        {node}
      </a>
    );
  }
  return <>{node}</>;
}
