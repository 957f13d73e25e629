// The default starter scenario: two GFS retention policies compared as variants over one
// small fleet in a region pair with a GRS vault. Every field is commented, so a user can
// learn the format from the file `vaultsim init` writes.

/** Text of the `retention-comparison` template. */
export const RETENTION_COMPARISON = `# yaml-language-server: $schema=./node_modules/vaultsim/scenarios/scenario.schema.json
#
# A vaultsim scenario: a fleet, how it is protected, and what is expected.
# Check it with \`vaultsim validate scenario.yaml\`; \`vaultsim schema\` prints the full format.
# Sizes, durations and bandwidths always carry a unit: 128GiB, 30d, 4h, 100Mbps.

# name: lowercase letters, digits and hyphens; shown in reports.
name: retention-comparison
# description: what the scenario is for, in a sentence or two.
description: How much more does keeping weekly, monthly and yearly points for longer store and cost?
# seed: every random draw (daily churn, job durations) derives from it, so the same
# seed gives the same results, and every variant sees the same random numbers.
seed: 42
# start: when simulated time begins, an ISO 8601 instant with Z or a UTC offset.
start: "2026-01-01T00:00:00Z"
# duration: how long to simulate, in ms, s, m, h, d or w (like 90d or 1h30m).
duration: 365d

# regions: the Azure regions in use. pair: the paired region that geo-redundant (GRS)
# copies go to; zones: how many availability zones the region has (default 3).
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }

# links: network links whose bandwidth the transfers crossing them share.
# capacity: total bandwidth; perTransfer: the most one transfer may use.
links:
  - { name: eastus-backbone, capacity: 10Gbps, perTransfer: 60MB/s }

# vaults: Recovery Services vaults; a VM backs up to a vault in its own region.
vaults:
  - name: rsv-prod
    region: eastus
    # redundancy: LRS, ZRS or GRS (the default; keeps a copy in the paired region).
    redundancy: GRS
    # crossRegionRestore: allow restores in the paired region (GRS only).
    crossRegionRestore: true
    # softDelete: how long deleted backup data is kept, 14d to 180d, or false.
    softDelete: 14d
    # link: the link this vault's transfers travel over (default: unlimited).
    link: eastus-backbone
    # maxConcurrentTransfers: most transfers in progress at once (default 100).
    maxConcurrentTransfers: 100

# policies: when backups run and how long recovery points are kept.
policies:
  - name: short-term
    # schedule: frequency daily or weekly; at: local start time (quote it, "22:30");
    # timeZone: an IANA time zone (default UTC).
    schedule: { frequency: daily, at: "22:30", timeZone: America/New_York }
    # instantRestore: how long snapshots are kept for fast restores (1d to 5d here).
    instantRestore: 2d
    # retention, grandfather-father-son: daily is how many daily points (7 to 9999);
    # weekly, monthly and yearly say how many to keep and which one.
    retention:
      daily: 30
      weekly: { count: 12, on: Sunday }
  - name: long-term
    schedule: { frequency: daily, at: "22:30", timeZone: America/New_York }
    instantRestore: 5d
    retention:
      daily: 30
      weekly: { count: 52, on: Sunday }
      # monthly on: "first Sunday", "last Saturday", a day number 1 to 28, or last.
      monthly: { count: 60, on: first Sunday }
      # yearly in: a month (or a list of months), and on: which day of it.
      yearly: { count: 10, in: January, on: first Sunday }

# fleet: Azure VMs in groups of identical machines, named web-001, web-002, ...
fleet:
  - name: web
    count: 20
    region: eastus
    # zone: availability zone 1 to 3 (omit it for a regional VM).
    zone: 1
    # os: linux (default) or windows.
    os: linux
    # disks: managed disks, OS disk first. used: a percentage of size, or a size.
    # churn.daily: share of used data that changes each day; spread: its day-to-day
    # standard deviation. growth: yearly growth of used data.
    disks:
      - { size: 128GiB, used: 60%, churn: { daily: 3%, spread: 1% } }
      - { name: data-1, size: 512GiB, used: 40%, churn: { daily: 2%, spread: 0.5% }, growth: 20% }
    # backup: the vault (in the VM's region) and the policy that protect the group.
    backup: { vault: rsv-prod, policy: short-term }
  - name: sql
    count: 4
    region: eastus
    zone: 2
    os: windows
    disks:
      - { size: 128GiB, used: 50%, churn: { daily: 2% } }
      # churn.daily may also be a distribution of the daily share.
      - name: data-1
        size: 1TiB
        used: 70%
        churn: { daily: { distribution: lognormal, mean: 5%, sd: 2% } }
    backup: { vault: rsv-prod, policy: short-term }

# objectives: what the run is judged against. rpo: most data loss allowed;
# rto: longest time to recover allowed. Both are judged against what the schedule
# guarantees (the worst instant for a failure) and against any incident: a daily backup
# guarantees 24 h plus its start jitter and the job, and with Cross Region Restore a region
# outage restores from a copy up to 12 h older (§2.2) — about 39 h here.
objectives: { rpo: 40h, rto: 4h }

# variants: alternatives to the base scenario, each overriding fields by dotted path
# (list elements by name). \`vaultsim run\` runs them side by side, same random numbers.
variants:
  long-term:
    fleet.web.backup.policy: long-term
    fleet.sql.backup.policy: long-term
  daily-90:
    policies.short-term.retention.daily: 90
`;
