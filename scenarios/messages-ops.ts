// The sentences of the scenario loader about operations and vault protections (issue 14;
// STYLE.md §9), each naming the rule and where it comes from.

/** User-facing sentences about operations, soft delete, immutability and multi-user authorization. */
export const OPS_MSG = {
  notBackedUp: (vm: string) =>
    `VM "${vm}" is not backed up (no backup:), so no backup operation applies to it`,
  changePolicyForm: () =>
    'changePolicy either changes a policy (policy with retention and/or schedule) or moves VMs (vms or group with to), not both',
  changePolicyNothing: (policy: string) =>
    `changePolicy of "${policy}" changes nothing: give retention, schedule or both`,
  retentionForSchedule: (from: string, to: string) =>
    `the schedule changes from ${from} to ${to}: give the retention for the new schedule too (a weekly schedule has no daily tier, §1.4)`,
  alwaysOnNeedsSoftDelete: (vault: string) =>
    `vault ${vault} cannot have soft delete always-on with soft delete disabled (softDelete: false)`,
  retentionWhenDisabled: () =>
    'a soft-delete retention applies to enabled or always-on soft delete, not to disabled',
} as const;
