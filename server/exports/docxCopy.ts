// The plan as a Word file (.docx), made on the server from the copy's blocks (planCopy.ts) with the `docx` library:
// real headings (so a screen reader and Word's navigation pane find them), lists, and tables with header rows; the
// document's language and title set, so it is read in the right voice.

import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block, Language } from './planCopy.js';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

export async function docxCopy(blocks: readonly Block[], language: Language, title: string): Promise<Buffer> {
  const lang = language === 'cy' ? 'cy-GB' : 'en-GB';
  const children = blocks.map((block) => {
    switch (block.kind) {
      case 'title':
        return new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: block.text, language: { value: lang } })] });
      case 'heading':
        return new Paragraph({ heading: HEADINGS[block.level], children: [new TextRun({ text: block.text, language: { value: lang } })] });
      case 'paragraph':
        return new Paragraph({ children: lines(block.text, lang, block.strong ?? false) });
      case 'item':
        return new Paragraph({
          children: lines(block.text, lang, false),
          ...(block.ordered ? { numbering: { reference: 'numbered', level: Math.min(block.depth - 1, 8) } } : { bullet: { level: Math.min(block.depth - 1, 8) } }),
        });
      case 'table':
        return new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              children: block.header.map((cell) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: cell, bold: true })] })] })),
            }),
            ...block.rows.map(
              (row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph({ children: lines(cell, lang, false) })] })) }),
            ),
          ],
        });
    }
  });
  const doc = new Document({
    title,
    creator: 'Cylch',
    numbering: {
      config: [
        {
          reference: 'numbered',
          levels: Array.from({ length: 9 }, (_, level) => ({ level, format: 'decimal' as const, text: `%${level + 1}.`, alignment: 'left' as const })),
        },
      ],
    },
    styles: { default: { document: { run: { language: { value: lang }, size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** Text with its line breaks kept. */
function lines(text: string, lang: string, bold: boolean): TextRun[] {
  return text.split('\n').map((part, i) => new TextRun({ text: part, bold, language: { value: lang }, break: i > 0 ? 1 : undefined }));
}
