// Starter scenario for an Enhanced policy that backs up every 4 hours, with the
// hourly window and the longer instant-restore retention it allows.

/** Text of the `enhanced-hourly` template. */
export const ENHANCED_HOURLY = `# yaml-language-server: $schema=./node_modules/vaultsim/scenarios/scenario.schema.json
#
# An Enhanced backup policy taking a recovery point every 4 hours.
# Check it with \`vaultsim validate scenario.yaml\`; \`vaultsim schema\` prints the full format.
# Sizes, durations and bandwidths always carry a unit: 128GiB, 30d, 4h, 100Mbps.

# name: lowercase letters, digits and hyphens; shown in reports.
name: enhanced-hourly
description: Recovery points every 4 hours for a database tier; what RPO and storage does it give?
# seed: every random draw derives from it; the same seed gives the same results.
seed: 7
# start: when simulated time begins, an ISO 8601 instant with Z or a UTC offset.
start: "2026-01-01T00:00:00Z"
# duration: how long to simulate, in ms, s, m, h, d or w.
duration: 90d

# regions: pair is where geo-redundant copies go; zones: availability zones (default 3).
regions:
  - { name: westeurope, pair: northeurope, zones: 3 }
  - { name: northeurope, pair: westeurope, zones: 3 }

# vaults: Recovery Services vaults; redundancy LRS, ZRS or GRS (default GRS);
# softDelete: 14d to 180d, or false.
vaults:
  - { name: rsv-db, region: westeurope, redundancy: ZRS, softDelete: 30d }

policies:
  - name: every-4h
    # type: standard (daily or weekly) or enhanced (also every 4, 6, 8 or 12 hours).
    type: enhanced
    # schedule: an hourly schedule takes a recovery point every \`every\` inside a daily
    # window starting at \`window.start\` (00:00 to 19:30) and lasting 4h to 24h.
    schedule:
      frequency: hourly
      every: 4h
      window: { start: "00:00", duration: 24h }
      timeZone: Europe/Amsterdam
    # instantRestore: snapshot retention, 1d to 30d on enhanced policies (at most 17d every 4h).
    instantRestore: 7d
    # retention: daily is how many daily points to keep (7 to 9999); weekly says how
    # many weekly points and on which day.
    retention:
      daily: 30
      weekly: { count: 8, on: Sunday }

# fleet: Azure VMs in groups of identical machines, named db-001, db-002, ...
fleet:
  - name: db
    count: 3
    region: westeurope
    zone: 1
    os: linux
    # disks: OS disk first. used: a percentage of size, or a size; churn.daily: share
    # of used data changed per day, with spread its day-to-day standard deviation.
    disks:
      - { size: 64GiB, used: 50%, churn: { daily: 1% } }
      - { name: data-1, size: 2TiB, used: 800GiB, churn: { daily: 6%, spread: 2% }, growth: 30% }
    backup: { vault: rsv-db, policy: every-4h }

# objectives: rpo is the most data loss allowed; rto the longest time to recover. They
# are judged against what the schedule guarantees over the whole run: a point every 4 h,
# except while the first full copy is on its way to the vault (a VM's next job waits for
# it, §1.3), about 16 h here.
objectives: { rpo: 18h, rto: 2h }
`;
