// The Workers found under a set of workspace roots, shared by every gateway loaded under them, and each gateway's
// view of them without its own wrangler configs (model OtherWorkers). The indexes (deployed name, folded name,
// folder and main module) are built once per list, when first asked: built per gateway, a folder of 1,000 gateways
// and 1,000 Workers made a million map entries.
import type { DeployedWorker, OtherWorkers, WorkerProject } from '../model';
import { dirname, isInside, pathKey } from './paths';

/** A Worker name without case and separators: `user-service`, `USER_SERVICE` and `UserService` are alike. */
function foldName(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

export interface FoundWorker {
  /** Its wrangler config file. */
  file: string;
  worker: WorkerProject;
}

export class WorkspaceWorkers {
  private byDeployedName: Map<string, DeployedWorker[]> | undefined;
  private byFile: Map<string, WorkerProject> | undefined;
  private byFolderOrMain: Map<string, WorkerProject[]> | undefined;
  private byFoldedName: Map<string, { worker: WorkerProject; at: number }[]> | undefined;
  /** The last answer of inside(): every gateway of a folder deletion asks about the same folder. */
  private lastInside: { folder: string; workers: ReadonlySet<WorkerProject> } | undefined;

  constructor(readonly found: readonly FoundWorker[]) {}

  /** Every Worker deployed as `name`, in workspace order (usually one). */
  deployedAs(name: string): readonly DeployedWorker[] | undefined {
    return this.byName().get(name);
  }

  byName(): ReadonlyMap<string, readonly DeployedWorker[]> {
    if (this.byDeployedName) return this.byDeployedName;
    const index = new Map<string, DeployedWorker[]>();
    for (const { worker } of this.found) {
      for (const env of worker.wrangler.environments) {
        const name = env.name === '' ? worker.name ?? env.workerName : env.workerName;
        if (name === undefined) continue;
        const same = index.get(name);
        if (!same) index.set(name, [{ worker, envName: env.name }]);
        // A Worker that names itself twice (a top-level `name` equal to an env's) counts once, at its first.
        else if (!same.some((d) => d.worker === worker)) same.push({ worker, envName: env.name });
      }
    }
    this.byDeployedName = index;
    return index;
  }

  /** Workers whose top-level name folds to `key` (foldName), with their place in workspace order. */
  namedLike(key: string): readonly { worker: WorkerProject; at: number }[] | undefined {
    if (!this.byFoldedName) {
      const index = new Map<string, { worker: WorkerProject; at: number }[]>();
      this.found.forEach(({ worker }, at) => {
        if (worker.name === undefined) return;
        const key = foldName(worker.name);
        const list = index.get(key);
        if (list) list.push({ worker, at });
        else index.set(key, [{ worker, at }]);
      });
      this.byFoldedName = index;
    }
    return this.byFoldedName.get(key);
  }

  /**
   * The Workers a change to `path` may touch: its wrangler config or anything else in that folder or below, or its
   * main module (which may sit elsewhere). A walk up from `path`, not a pass over the Workers.
   */
  *touchedBy(path: string): Iterable<WorkerProject> {
    if (!this.byFolderOrMain) {
      const index = new Map<string, WorkerProject[]>();
      const add = (key: string, worker: WorkerProject): void => {
        const list = index.get(key);
        if (!list) index.set(key, [worker]);
        else if (!list.includes(worker)) list.push(worker);
      };
      for (const { file, worker } of this.found) {
        add(pathKey(dirname(file)), worker);
        if (worker.mainFile !== undefined) add(`main\u0000${pathKey(worker.mainFile)}`, worker);
      }
      this.byFolderOrMain = index;
    }
    yield* this.byFolderOrMain.get(`main\u0000${pathKey(path)}`) ?? [];
    for (let folder = dirname(path); ; folder = dirname(folder)) {
      yield* this.byFolderOrMain.get(pathKey(folder)) ?? [];
      if (dirname(folder) === folder) break;
    }
  }

  /** The Workers whose wrangler config or main module lies inside `folder` (deleted or renamed away as a whole). */
  inside(folder: string): ReadonlySet<WorkerProject> {
    if (this.lastInside?.folder !== folder) {
      const workers = new Set<WorkerProject>();
      for (const { file, worker } of this.found) {
        if (isInside(folder, file) || (worker.mainFile !== undefined && isInside(folder, worker.mainFile))) workers.add(worker);
      }
      this.lastInside = { folder, workers };
    }
    return this.lastInside.workers;
  }

  /** The view of a gateway whose own wrangler configs are `ownFiles`. */
  without(ownFiles: Iterable<string>): OtherWorkers {
    this.byFile ??= new Map(this.found.map(({ file, worker }) => [file, worker]));
    const own = new Set<WorkerProject>();
    for (const file of ownFiles) {
      const worker = this.byFile.get(file);
      if (worker) own.add(worker);
    }
    return new GatewayWorkers(this, own);
  }
}

class GatewayWorkers implements OtherWorkers {
  constructor(
    private readonly workspace: WorkspaceWorkers,
    private readonly own: ReadonlySet<WorkerProject>,
  ) {}

  get identity(): readonly unknown[] {
    return [this.workspace, ...this.own];
  }

  get size(): number {
    return this.workspace.found.length - this.own.size;
  }

  *[Symbol.iterator](): Iterator<WorkerProject> {
    for (const { worker } of this.workspace.found) if (!this.own.has(worker)) yield worker;
  }

  namedLike(names: readonly string[]): WorkerProject | undefined {
    let first: { worker: WorkerProject; at: number } | undefined;
    for (const name of names) {
      const match = this.workspace.namedLike(foldName(name))?.find((m) => !this.own.has(m.worker));
      if (match && (!first || match.at < first.at)) first = match;
    }
    return first?.worker;
  }

  touchedBy(path: string): boolean {
    for (const worker of this.workspace.touchedBy(path)) if (!this.own.has(worker)) return true;
    return false;
  }

  insideFolder(folder: string): boolean {
    for (const worker of this.workspace.inside(folder)) if (!this.own.has(worker)) return true;
    return false;
  }

  deployedAs(name: string): DeployedWorker | undefined {
    return this.workspace.deployedAs(name)?.find((d) => !this.own.has(d.worker));
  }

  *deployedNames(): Iterable<[string, DeployedWorker]> {
    for (const name of this.workspace.byName().keys()) {
      const deployed = this.deployedAs(name);
      if (deployed) yield [name, deployed];
    }
  }
}

/** No other Workers (a gateway loaded alone, tests). */
export const NO_OTHER_WORKERS: OtherWorkers = new WorkspaceWorkers([]).without([]);
