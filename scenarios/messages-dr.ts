// The disaster-recovery sentences of the scenario loader (STYLE.md §9), each naming the
// rule and where it comes from.

/** User-facing sentences about replication, events, recovery plans and objectives. */
export const DR_MSG = {
  eventKind: (kinds: readonly string[], got: readonly string[]) =>
    got.length === 0
      ? `an event needs one kind: ${kinds.join(', ')}`
      : `an event has exactly one kind, got ${got.join(' and ')}`,
  targets: () => 'name the VMs with vms or group (one of them)',
  unknownVm: (id: string, suggestion: string | null) =>
    `unknown VM "${id}"${suggestion !== null ? `; did you mean "${suggestion}"?` : ''}`,
  replicateSameRegion: (region: string) =>
    `a VM cannot replicate to its own region ${region}; Azure-to-Azure replication goes to another region`,
  retentionRange: (got: string) =>
    `Site Recovery retention must be 0s to 15d, got ${got} (A2A FAQ: 15 days with managed disks)`,
  appConsistent: (got: string, retention: string) =>
    `app-consistent snapshots need an interval of at least 1h and less than the retention ${retention}, got ${got} (A2A FAQ)`,
  replicationGroupSize: (group: string, count: number) =>
    `replication group "${group}" has ${count} VMs; at most 16 are allowed (A2A FAQ, multi-VM consistency)`,
  replicationGroupRegions: (group: string) =>
    `replication group "${group}" mixes VMs of different source or target regions; a group replicates between one pair`,
  planSize: (plan: string, count: number) =>
    `recovery plan "${plan}" has ${count} VMs; at most 100 are allowed (recovery plan overview)`,
  planGroups: (plan: string, count: number) =>
    `recovery plan "${plan}" has ${count} groups; at most 7 are allowed (A2A FAQ)`,
  planVmNotReplicated: (vm: string) =>
    `VM "${vm}" is not replicated (no replicate:), so it cannot be in a recovery plan`,
  planVmTwice: (vm: string, plan: string) => `VM "${vm}" is already in recovery plan "${plan}"`,
  planSplitsGroup: (group: string) =>
    `replication group "${group}" is split across recovery plans or groups; its VMs fail over together`,
  planEmptyGroup: () => 'a recovery plan group needs vms or group',
  outageZone: (zone: number, region: string, zones: number) =>
    `zone ${zone} does not exist: region ${region} has ${zones === 0 ? 'no zones' : `zones 1–${zones}`}`,
  degradeTarget: () => 'degrade needs a link or replicationFrom (one of them)',
  scopeKind: () => 'an objective scope names exactly one of group, app or tag',
  scopeTargets: () => 'a scoped objective needs rpo or rto',
  unknownApp: (app: string) => `no VM has app "${app}" (the app tag, else the fleet group)`,
  unknownTag: (tag: string) => `no VM has tag ${tag}`,
  afterFailoverHome: (vault: string, region: string) =>
    `backup.afterFailover names vault ${vault} in ${region}, where these VMs already run; name a vault in the region they are recovered to (a VM is backed up to a vault in its own region, Azure Backup support matrix)`,
  crossRegionLag: (low: string, high: string) =>
    `Cross Region Restore lag must lie within 0s to 12h, got values from ${low} to ${high} (the vault docs: the secondary region can take up to 12 hours to receive the backup data)`,
} as const;
