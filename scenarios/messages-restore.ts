// The sentences of the scenario loader about restores and restore drills (issue 18; STYLE.md §9),
// each naming the rule and where it comes from.

/** User-facing sentences about `events[].restore` and `restoreTests`. */
export const RESTORE_MSG = {
  notBackedUp: (vm: string) =>
    `VM "${vm}" is not backed up (no backup:), so there is nothing to restore it from`,
  filesNeeded: () => 'option files needs files: how much to copy, like 8GB',
  filesOnlyForFiles: (option: string) =>
    `files is only for option files (file-level recovery), not ${option}`,
  rule: (vm: string, rule: string) => `${vm}: ${rule}`,
  countTooLarge: (count: number, vms: number) =>
    `count ${count} is more than the ${vms} VM${vms === 1 ? '' : 's'} named: each drill restores distinct VMs`,
  beyondGuidance: (size: string) =>
    `file-level recovery of ${size} is beyond the documented guidance of 10 GB (about 1 GB per hour, a mount valid 12 hours): it will take several mounts; restore the disks instead`,
  drillReplace: () =>
    'a restore drill must not touch production: replace-disks replaces the VM’s own disks (use new-vm or restore-disks)',
  everyPositive: (got: string) => `a restore drill needs every greater than 0s, got ${got}`,
} as const;
