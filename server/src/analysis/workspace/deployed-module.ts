// The main module of a Worker as deployed under one name: `<name>-<env>` runs its environment's `main` when that
// environment sets its own (SPEC B.2). SAG304 and the features (completion, hover, definition of `function`) agree.
import type { DeployedWorker, ModuleFacts } from '../model';
import { dirname, resolvePath } from './paths';

export function deployedModule(target: DeployedWorker, modules: { read(path: string): ModuleFacts | undefined }): ModuleFacts | undefined {
  const environments = target.worker.wrangler.environments;
  const own = target.envName === '' ? undefined : environments.find((e) => e.name === target.envName)?.main?.value;
  if (own === undefined || own === environments[0]?.main?.value) return target.worker.module;
  return modules.read(resolvePath(dirname(target.worker.wrangler.file), own));
}
