// Exact expected positions for rule tests: where the nth occurrence of a snippet starts in a fixture file.
import type { Position } from '../../../server/src/analysis/findings';
import { LineIndex } from '../../../server/src/analysis/text/line-index';

export function positionOf(text: string, snippet: string, nth = 0): Position {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(snippet, offset + 1);
    if (offset < 0) throw new Error(`snippet ${JSON.stringify(snippet)} (#${nth}) not in fixture`);
  }
  return new LineIndex(text).positionAt(offset);
}
