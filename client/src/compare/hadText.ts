// Whether a section had any words at the first point of a comparison: some text in it that was not added since.

import type { DiffBlock } from '../../../shared/versions.js';

export function hadTextThen(blocks: readonly DiffBlock[]): boolean {
  return blocks.some(
    (block) =>
      block.change?.type !== 'added' &&
      (block.type === 'horizontalRule' || block.runs.some((run) => run.change?.type !== 'added' && run.text.trim() !== '')),
  );
}
