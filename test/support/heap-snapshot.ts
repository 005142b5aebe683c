// The V8 heap of this process as text: a snapshot written to a temporary folder, read back and removed. Memory
// tests look in it for a string that must no longer be alive (a marker only an earlier text held).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

export function heapSnapshotText(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sag-heap-'));
  try {
    return readFileSync(writeHeapSnapshot(join(dir, 'heap.heapsnapshot')), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
