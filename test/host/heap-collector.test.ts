// HeapCollector: a full collection after a check only when the garbage since the last one is over budget, never
// while the server is busy answering; and the real V8 collection it is given in the server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectionBudget, exposedFullCollection, HeapCollector } from '../../server/src/host/heap-collector';

const MB = 1024 * 1024;
const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A heap whose used size the test sets; a collection brings it down to `live`. */
function fakeHeap(live: number) {
  const heap = { used: live, live, collections: 0, busy: false };
  const collector = new HeapCollector({
    collect: () => {
      heap.collections++;
      heap.used = heap.live;
    },
    usedBytes: () => heap.used,
    busy: () => heap.busy,
  });
  return { heap, collector };
}

test('the budget is a quarter of the live size, at least 24 MB', () => {
  assert.equal(collectionBudget(10 * MB), 24 * MB);
  assert.equal(collectionBudget(300 * MB), 75 * MB);
});

test('no collection while the garbage since the last one is under budget; one when it is over', async () => {
  const { heap, collector } = fakeHeap(60 * MB);
  heap.used = 60 * MB + 23 * MB;
  collector.afterCheck();
  await tick(30);
  assert.equal(heap.collections, 0);
  heap.used = 60 * MB + 25 * MB;
  collector.afterCheck();
  await tick(30);
  assert.equal(heap.collections, 1);
  // The next budget is counted from what the collection left.
  heap.live = 150 * MB;
  heap.used = 150 * MB + 30 * MB;
  collector.afterCheck();
  await tick(30);
  assert.equal(heap.collections, 2, 'live was 60 MB after the first one: 180 MB is over 60 + 24');
  heap.used = 150 * MB + 37 * MB;
  collector.afterCheck();
  await tick(30);
  assert.equal(heap.collections, 2, '187 MB is under 150 + 37.5');
});

test('a check that expects a pause collects even under budget, once', async () => {
  const { heap, collector } = fakeHeap(60 * MB);
  heap.used = 60 * MB + 5 * MB;
  collector.afterCheck(true);
  await tick(30);
  assert.equal(heap.collections, 1);
  // Back to the budget after that collection.
  heap.used = 60 * MB + 5 * MB;
  collector.afterCheck();
  await tick(30);
  assert.equal(heap.collections, 1);
  // A plain check right after does not take the pending request back.
  collector.afterCheck(true);
  collector.afterCheck();
  await tick(30);
  assert.equal(heap.collections, 2);
});

test('checks in a row schedule one collection, after a pause for requests that came in meanwhile', async () => {
  const { heap, collector } = fakeHeap(10 * MB);
  heap.used = 100 * MB;
  collector.afterCheck();
  collector.afterCheck();
  assert.equal(heap.collections, 0, 'never inside the check itself');
  await tick(30);
  assert.equal(heap.collections, 1);
});

test('waits while the server is busy answering, but not for ever', async () => {
  const { heap, collector } = fakeHeap(10 * MB);
  heap.used = 100 * MB;
  heap.busy = true;
  collector.afterCheck();
  await tick(20);
  assert.equal(heap.collections, 0, 'busy');
  heap.busy = false;
  await tick(20);
  assert.equal(heap.collections, 1);
  // A request a client keeps open does not put collections off for good.
  heap.used = 100 * MB;
  heap.busy = true;
  collector.afterCheck();
  await tick(1300);
  assert.equal(heap.collections, 2, 'collected after waiting at most a second');
});

test('without a collection function it does nothing; dispose cancels a scheduled one', async () => {
  const idle = new HeapCollector({ usedBytes: () => 1e12 });
  idle.afterCheck();
  await tick(30);
  assert.equal(idle.collections, 0);
  const { heap, collector } = fakeHeap(10 * MB);
  heap.used = 100 * MB;
  collector.afterCheck();
  collector.dispose();
  await tick(30);
  assert.equal(heap.collections, 0);
});

test('the exposed V8 collection frees unreachable memory', () => {
  const gc = exposedFullCollection();
  assert.ok(gc, 'V8 hands out gc() after --expose-gc is set at run time');
  const weak = new WeakRef(new Array(100_000).fill({}));
  // A WeakRef target stays alive until the end of the current job: collect in a later turn of the loop.
  return tick(0).then(() => {
    gc();
    assert.equal(weak.deref(), undefined);
  });
});
