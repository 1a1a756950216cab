// A section's content from a Y.Doc drawn as plain React elements, for reading only: the same shapes the editor
// writes (paragraphs, headings, lists, bold, links…), never as HTML strings. Used for the plan as it was.

import type { ReactNode } from 'react';
import * as Y from 'yjs';

type Marks = Record<string, unknown>;

const SAFE_LINK = /^(https?:|mailto:)/i;

/** Whether a section holds any words at all (an empty paragraph is nothing written). */
export function hasText(fragment: Y.XmlFragment): boolean {
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment | Y.XmlHook): boolean => {
    if (node instanceof Y.XmlText) return node.toString().trim() !== '' || node.toDelta().some((d: { insert: unknown }) => typeof d.insert !== 'string');
    if (node instanceof Y.XmlElement && (node.nodeName === 'horizontalRule' || node.nodeName === 'image')) return true;
    if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) return node.toArray().some(walk);
    return false;
  };
  return walk(fragment);
}

export function StaticContent({ fragment }: { fragment: Y.XmlFragment }) {
  return <>{fragment.toArray().map((node, i) => renderNode(node, i))}</>;
}

function renderNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook, key: number): ReactNode {
  if (node instanceof Y.XmlText) return renderText(node, key);
  if (!(node instanceof Y.XmlElement)) return null;
  const children = node.toArray().map((child, i) => renderNode(child, i));
  switch (node.nodeName) {
    case 'paragraph':
      return <p key={key}>{children}</p>;
    case 'heading': {
      // The editor's headings are levels 3 and 4; here they sit under the section's h3.
      const level = Number(node.getAttribute('level')) || 3;
      return level <= 3 ? <h4 key={key}>{children}</h4> : <h5 key={key}>{children}</h5>;
    }
    case 'bulletList':
      return <ul key={key}>{children}</ul>;
    case 'orderedList': {
      const start = Number(node.getAttribute('start'));
      return (
        <ol key={key} start={Number.isInteger(start) && start > 1 ? start : undefined}>
          {children}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{children}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children}</code>
        </pre>
      );
    case 'hardBreak':
      return <br key={key} />;
    case 'horizontalRule':
      return <hr key={key} />;
    default:
      // Something newer than this view knows: keep its words.
      return <div key={key}>{children}</div>;
  }
}

function renderText(text: Y.XmlText, key: number): ReactNode {
  const delta = text.toDelta() as { insert: unknown; attributes?: Marks }[];
  return (
    <span key={key}>
      {delta.map((run, i) => (typeof run.insert === 'string' ? withMarks(run.insert, run.attributes ?? {}, i) : null))}
    </span>
  );
}

function withMarks(text: string, marks: Marks, key: number): ReactNode {
  let node: ReactNode = text;
  if (marks.code) node = <code>{node}</code>;
  if (marks.strike) node = <s>{node}</s>;
  if (marks.underline) node = <u>{node}</u>;
  if (marks.italic) node = <em>{node}</em>;
  if (marks.bold) node = <strong>{node}</strong>;
  const href = (marks.link as { href?: unknown } | undefined)?.href;
  if (typeof href === 'string' && SAFE_LINK.test(href)) {
    node = (
      <a href={href} rel="noopener noreferrer nofollow">
        {node}
      </a>
    );
  }
  return <span key={key}>{node}</span>;
}
