// Reads a PDF back the way a screen reader or a search would: its text in reading order (pdf.js), its structure
// tree (the tags: headings, lists, tables), its language and title. For tests of the PDF copies.

import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructNode {
  role: string;
  children: StructNode[];
}

export interface PdfReading {
  /** Every page's text, lines joined with newlines. */
  text: string;
  /** The same with every run of white space as one space (a table cell or a long line may wrap). */
  flat: string;
  pages: number;
  /** The catalogue's /Lang and the document title. */
  language: string | null;
  title: string | null;
  /** True when the file says it is tagged (MarkInfo /Marked). */
  tagged: boolean;
  /** The roles in the structure tree of every page, depth first (H1, H2, P, L, LI, Table, TH, TD …). */
  roles: string[];
}

export async function readPdf(file: ArrayBuffer | Uint8Array): Promise<PdfReading> {
  const pdf = await getDocument({ data: new Uint8Array(file), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const lines: string[] = [];
    const roles: string[] = [];
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const { role, children } = node as { role?: string; children?: unknown[] };
      if (role) roles.push(role);
      for (const child of children ?? []) walk(child);
    };
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
      walk(await page.getStructTree());
    }
    const meta = await pdf.getMetadata();
    const info = meta.info as { Language?: string; Title?: string };
    const markInfo = await pdf.getMarkInfo();
    return {
      text: lines.join('\n'),
      flat: lines.join(' ').replace(/\s+/g, ' '),
      pages: pdf.numPages,
      language: info.Language ?? null,
      title: info.Title ?? null,
      tagged: markInfo?.Marked === true,
      roles,
    };
  } finally {
    await pdf.destroy();
  }
}
