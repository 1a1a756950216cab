// The plan as an accessible PDF, made on the server from the copy's blocks (planCopy.ts) with pdfkit: a tagged PDF
// (PDF/UA structure: the title as H1... every heading, paragraph, list item and table cell a structure element in
// reading order), real text in an embedded font that has every Welsh letter (DejaVu Sans: ŵ, ŷ, â …), the
// document's language and title set and shown as the window title. Page numbers are marked as artifacts, so a
// screen reader does not read them in the middle of a sentence.

import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Block, Language } from './planCopy.js';
import { translate } from './planCopy.js';

// pdfkit tags a table (Table, TR, TH with its scope, TD) when given the structure element it belongs to; the
// community types do not list those options yet.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace PDFKit.Mixins {
    interface TableOptions {
      structParent?: PDFStructureElement;
    }
    interface CellOptions {
      scope?: 'Column' | 'Row' | 'Both';
    }
  }
}

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** Heading sizes in points: the title, then levels 1–3; body text. */
const SIZES = { title: 22, 1: 17, 2: 14, 3: 12.5, body: 11 } as const;
const MARGIN = 56;

export function pdfCopy(blocks: readonly Block[], language: Language, title: string): Promise<Buffer> {
  const lang = language === 'cy' ? 'cy-GB' : 'en-GB';
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    tagged: true,
    lang,
    displayTitle: true,
    pdfVersion: '1.7',
    bufferPages: true,
    info: { Title: title, Creator: 'Cylch', Producer: 'Cylch' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const width = doc.page.width - MARGIN * 2;
  // Lists are gathered into one L element while items follow one another.
  let list: { element: ReturnType<typeof doc.struct>; ordered: boolean; count: number } | null = null;
  const endList = () => {
    list?.element.end();
    list = null;
  };

  for (const block of blocks) {
    if (block.kind !== 'item') endList();
    switch (block.kind) {
      case 'title':
        doc.font('bold').fontSize(SIZES.title).text(block.text, MARGIN, doc.y, { width, structParent: root, structType: 'H1' });
        doc.moveDown(0.4);
        break;
      case 'heading': {
        // The title is the one H1; the plan's parts and sections sit under it.
        const level = Math.min(block.level + 1, 6);
        if (block.level === 1) doc.moveDown(0.6);
        // Keep a heading with at least a few lines of what follows it.
        if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
        doc.font('bold').fontSize(SIZES[block.level]).text(block.text, MARGIN, doc.y, { width, structParent: root, structType: `H${level}` });
        doc.moveDown(0.3);
        break;
      }
      case 'paragraph':
        doc.font(block.strong ? 'bold' : 'body').fontSize(SIZES.body).text(block.text, MARGIN, doc.y, { width, structParent: root, structType: 'P' });
        doc.moveDown(0.4);
        break;
      case 'item': {
        if (list === null || list.ordered !== block.ordered) {
          endList();
          list = { element: doc.struct('L'), ordered: block.ordered, count: 0 };
          root.add(list.element);
        }
        list.count += 1;
        const item = doc.struct('LI');
        list.element.add(item);
        const indent = 14 * block.depth;
        const label = block.ordered ? `${list.count}.` : '•';
        const top = doc.y;
        doc.font('body').fontSize(SIZES.body).text(label, MARGIN + indent - 12, top, { width: 16, structParent: item, structType: 'Lbl' });
        doc.text(block.text, MARGIN + indent + 6, top, { width: width - indent - 6, structParent: item, structType: 'LBody' });
        item.end();
        doc.moveDown(0.2);
        break;
      }
      case 'table': {
        doc.font('body').fontSize(SIZES.body - 1);
        doc.table({
          position: { x: MARGIN, y: doc.y },
          maxWidth: width,
          structParent: root,
          defaultStyle: { padding: 4, border: 0.5, borderColor: '#666666' },
          // The first column says what the line is: give it room.
          columnStyles: (i: number) => (i === 0 && block.header.length > 2 ? { width: width * 0.3 } : { width: '*' }),
          data: [
            block.header.map((text) => ({ text, type: 'TH', scope: 'Column', font: { src: FONT_BOLD } })),
            ...block.rows.map((row) => row.map((text) => ({ text }))),
          ],
        });
        doc.x = MARGIN;
        doc.font('body').fontSize(SIZES.body).moveDown(0.6);
        break;
      }
    }
  }
  endList();
  root.end();

  // Page numbers, as artifacts (not part of the plan's reading order).
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('body')
      .fontSize(9)
      .fillColor('#444444')
      .text(translate(language, 'copy.pageOf', { page: i + 1, pages: range.count }), MARGIN, doc.page.height - MARGIN + 10, { width, align: 'center', lineBreak: false });
    doc.endMarkedContent();
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
