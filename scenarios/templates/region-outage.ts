// Starter scenario for a disaster-recovery rehearsal: a region outage with Site Recovery
// failover in a recovery plan, Cross Region Restore from backup, and objectives judged.

/** Text of the `region-outage` template. */
export const REGION_OUTAGE = `# yaml-language-server: $schema=./node_modules/vaultsim/scenarios/scenario.schema.json
#
# A disaster-recovery rehearsal: East US goes down for 12 hours on day 20.
# \`vaultsim run scenario.yaml\` reports, per VM, the recovery point used, the RPO and
# RTO achieved (and where the time went), and exits 1 if an objective below is missed.

name: region-outage
seed: 1
duration: 30d

regions:
  # The pair receives geo-redundant copies; cores caps what can be recovered there.
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus, cores: 200 }

vaults:
  # GRS with Cross Region Restore: backups can be restored in westus during the outage.
  - { name: rsv-prod, region: eastus, redundancy: GRS, crossRegionRestore: true }

policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    retention: { daily: 30 }

fleet:
  # Replicated by Azure Site Recovery: fails over with a few minutes of data loss.
  - name: db
    count: 2
    region: eastus
    cores: 8
    tags: { app: shop }
    disks: [{ size: 256GiB, used: 60%, churn: { daily: 5% } }]
    backup: { vault: rsv-prod, policy: daily }
    replicate: { to: westus, retention: 1d, appConsistentEvery: 4h }
  # Backup only: restored in westus from the last copy that reached it (up to 12 h old).
  - name: web
    count: 10
    region: eastus
    tags: { app: shop }
    disks: [{ size: 128GiB, used: 40%, churn: { daily: 3% } }]
    backup: { vault: rsv-prod, policy: daily }

# Replicated VMs fail over in ordered groups; add groups, with manual: 10m for a pause before one.
recoveryPlans:
  - name: shop
    groups:
      - { group: db }

# How fast people act, and how long the steps take (durations or distributions).
recovery:
  detection: 15m
  boot: { distribution: triangular, min: 1m, mode: 2m, max: 5m }

# What goes wrong: outages, vmFailure, ransomware, churnSpike, degrade, controlPlane, drill.
events:
  - { at: 20d14h, outage: { region: eastus, for: 12h } }
  - { at: 10d, drill: { plan: shop } }

# Judged per VM and per application; \`per\` sets objectives for a group, app or tag.
objectives:
  rpo: 24h
  rto: 4h
  per:
    - { group: db, rpo: 15m, rto: 1h }
`;
