// Starter scenario for SQL Server databases in Azure VMs (issue 17): weekly fulls, daily
// differentials, 15-minute log backups, a region outage judged by point-in-time restore.

/** Text of the `sql-in-vm` template. */
export const SQL_IN_VM = `# yaml-language-server: $schema=./node_modules/vaultsim/scenarios/scenario.schema.json
#
# SQL Server in Azure VMs, backed up by Azure Backup's SQL workload: a full every Sunday,
# a differential the other days, a log backup every 15 minutes. \`vaultsim run\` shows the
# recovery points, storage and jobs by type (full / differential / log), the log-backup RPO,
# the bill (the SQL Server is the protected instance), and, for the outage below, the point
# in time each database is restored to.

name: sql-in-vm
seed: 1
duration: 120d

regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }

vaults:
  # GRS without Cross Region Restore: during an East US outage the databases wait for the
  # region, then restore to their last log that reached the vault before it went down.
  # (crossRegionRestore: true would restore from the paired region's copy, up to 12 h behind.)
  - { name: rsv-sql, region: eastus, redundancy: GRS }

# The VMs are backed up as VMs too: that backup then takes copy-only fulls, so it never
# breaks the SQL log chain.
policies:
  - name: vm-daily
    schedule: { frequency: daily, at: "01:00", timeZone: America/New_York }
    retention: { daily: 14 }

fleet:
  - name: sqlvm
    count: 2
    region: eastus
    zone: 1
    os: windows
    disks: [{ size: 2TiB, used: 60%, churn: { daily: 2% } }]
    backup: { vault: rsv-sql, policy: vm-daily }

sqlPolicies:
  - name: sql-weekly
    # Fulls at most once a day; with weekly fulls, differentials on the other days.
    full: { frequency: weekly, days: Sunday, at: "22:00", timeZone: America/New_York }
    differential:
      days: [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday]
      retention: 28d          # 7d to 180d, and no longer than the fulls are kept
    log: { every: 15m, retention: 14d }   # every 15m to 24h, kept 7d to 35d
    retention:                # the full points (GFS)
      weekly: { count: 12, on: Sunday }
      monthly: { count: 12, on: first Sunday }
    compression: true         # off by default in Azure
    archive: { after: 45d }   # full points only, once 45 days old with 6 months left

sqlDatabases:
  # On every VM of the group: an ERP database in the full recovery model.
  - name: erp
    host: sqlvm
    size: 400GiB
    growth: 20%
    churn: { daily: 3% }      # pages changed a day: what a differential carries
    log: { daily: 8% }        # log volume a day, as a share of the size
    vault: rsv-sql
    policy: sql-weekly
  # Three reporting databases in the simple recovery model: no log backups, so their
  # RPO follows the fulls and differentials.
  - name: reporting
    host: sqlvm
    count: 3
    size: 150GiB
    log: { daily: 2% }
    recoveryModel: simple
    vault: rsv-sql
    policy: sql-weekly

# East US goes down at 10:07 on day 100 for 6 hours.
events:
  - { at: 100d10h7m, outage: { region: eastus, for: 6h } }
`;
