// Which VMs an objective's scope covers, and the application a VM belongs to.

import type { ObjectiveScope } from '../scenario/dr.js';
import type { Vm } from '../scenario/types.js';

/** The application a VM belongs to: its `app` tag, else its fleet group. */
export function appOf(vm: Vm): string {
  return vm.tags.app ?? vm.group;
}

/** Whether a VM is in a scope. */
export function inScope(scope: ObjectiveScope, vm: Vm): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'group':
      return vm.group === scope.name;
    case 'app':
      return appOf(vm) === scope.name;
    case 'tag':
      return vm.tags[scope.key] === scope.value;
  }
}

/** A scope as results name it: all, group:web, app:shop, tag:tier=gold. */
export function scopeName(scope: ObjectiveScope): string {
  return scope.kind === 'all'
    ? 'all'
    : scope.kind === 'tag'
      ? `tag:${scope.key}=${scope.value}`
      : `${scope.kind}:${scope.name}`;
}

/** Groups items by a key, keeping their order within each group. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}
