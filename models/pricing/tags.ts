// Which fleet tags each cost line carries (FOCUS `Tags`, docs/reports.md). A line charges a
// tagged resource when it charges one Azure VM (its item: protected instance, soft delete,
// archive early deletion, Site Recovery, recovered compute) or one fleet group as a whole
// (managed-disk snapshots, `snapshots:<group>`): every VM of a group has the group's tags
// (docs/scenario-format.md, fleet `tags`), so the group's lines carry them too. Vault-level
// lines (storage per vault and policy, which may mix groups) and items that are not VMs
// (MARS servers, workloads) charge no single tagged resource and carry none.

import type { Vm } from '../scenario/types.js';
import type { CostLine, CostTags } from './types.js';

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// A tag set with its keys in code-unit order (one key order for every run), or null when empty.
function sortedTags(tags: Readonly<Record<string, string>>): CostTags | null {
  const keys = Object.keys(tags).sort(byCode);
  return keys.length === 0 ? null : Object.fromEntries(keys.map((k) => [k, tags[k]]));
}

// Tags are compared by their sorted JSON: equal sets, whatever order they were written in.
const sameTags = (a: CostTags | null, b: CostTags | null) => JSON.stringify(a) === JSON.stringify(b);

/** Each tagged VM's tags, and each fleet group's when all its VMs share them, keys sorted. */
export interface TagIndex {
  readonly items: ReadonlyMap<string, CostTags>;
  readonly groups: ReadonlyMap<string, CostTags>;
}

/** The tag index of a scenario's VMs: one shared object per distinct group, so lines reference it rather than copy it. */
export function tagIndex(vms: readonly Pick<Vm, 'id' | 'group' | 'tags'>[]): TagIndex {
  const items = new Map<string, CostTags>();
  const groups = new Map<string, CostTags | null>();
  const mixed = new Set<string>();
  for (const vm of vms) {
    let own = sortedTags(vm.tags);
    const first = groups.get(vm.group);
    if (first === undefined) groups.set(vm.group, own);
    else if (sameTags(first, own)) own = first;
    // A group whose VMs disagree (not something a scenario can write today) tags none of its group-level lines.
    else mixed.add(vm.group);
    if (own !== null) items.set(vm.id, own);
  }
  const tagged = [...groups].filter((e): e is [string, CostTags] => e[1] !== null && !mixed.has(e[0]));
  return { items, groups: new Map(tagged) };
}

// The fleet group a group-level line charges as a whole: managed-disk snapshots outside Azure Backup.
function groupOf(line: CostLine): string | null {
  return line.item === null && line.policy.startsWith('snapshots:')
    ? line.policy.slice('snapshots:'.length)
    : null;
}

/** The tags a line carries: its VM's, else its fleet group's, else null (no single tagged resource). */
export function lineTags(line: CostLine, index: TagIndex): CostTags | null {
  if (line.item !== null) return index.items.get(line.item) ?? null;
  const group = groupOf(line);
  return group === null ? null : (index.groups.get(group) ?? null);
}

/** The lines with `tags` set on those that charge a tagged VM or group; the others are returned as they are. */
export function tagLines(lines: readonly CostLine[], index: TagIndex): CostLine[] {
  if (index.items.size === 0 && index.groups.size === 0) return [...lines];
  return lines.map((l) => {
    const tags = lineTags(l, index);
    return tags === null ? l : { ...l, tags };
  });
}
