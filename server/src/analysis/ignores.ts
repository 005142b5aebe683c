// `.sagrc.json` ignores (SPEC E.0): a finding is dropped when an entry names its code, its file (relative to the
// project, as written, or absolute) and, if the entry has one, its JSON pointer. Indexed by code and pointer once
// per ignore list: a list of 10,000 entries (generated to silence a legacy config) asked by every report took a
// minute.
import { askOnce } from './ask-once';
import type { SagRcIgnore } from './model';
import type { Report } from './rules/rule';
import { relativePath } from './workspace/paths';

interface CodeIgnores {
  byPointer: Map<string, SagRcIgnore[]>;
  anyPointer: SagRcIgnore[];
}

function indexOf(ignores: readonly SagRcIgnore[]): Map<string, CodeIgnores> {
  return askOnce(ignores, 'index', () => indexIgnores(ignores));
}

function indexIgnores(ignores: readonly SagRcIgnore[]): Map<string, CodeIgnores> {
  const index = new Map<string, CodeIgnores>();
  for (const entry of ignores) {
    let forCode = index.get(entry.code);
    if (!forCode) index.set(entry.code, (forCode = { byPointer: new Map(), anyPointer: [] }));
    if (entry.pointer === undefined) forCode.anyPointer.push(entry);
    else {
      const list = forCode.byPointer.get(entry.pointer);
      if (list) list.push(entry);
      else forCode.byPointer.set(entry.pointer, [entry]);
    }
  }
  return index;
}

/** Whether an entry of `ignores` silences the report. */
export function isIgnored(ignores: readonly SagRcIgnore[], projectRoot: string, report: Report): boolean {
  if (ignores.length === 0) return false;
  const forCode = indexOf(ignores).get(report.code);
  if (!forCode) return false;
  const withPointer = report.pointer !== undefined ? forCode.byPointer.get(report.pointer) : undefined;
  if (!withPointer && forCode.anyPointer.length === 0) return false;
  const rel = relativePath(projectRoot, report.file);
  const names = (entry: SagRcIgnore) => entry.file === rel || entry.file === `./${rel}` || entry.file === report.file;
  return (withPointer?.some(names) ?? false) || forCode.anyPointer.some(names);
}
