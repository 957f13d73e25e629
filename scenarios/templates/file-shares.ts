// Starter scenario for Azure file shares (issue 17): a snapshot-tier policy taking a snapshot
// every 4 hours, a vaulted policy copying the day's last snapshot to the vault, and restores.

/** Text of the `file-shares` template. */
export const FILE_SHARES = `# yaml-language-server: $schema=./node_modules/vaultsim/scenarios/scenario.schema.json
#
# Azure file shares backed up by Azure Backup: team shares with a share snapshot every 4 hours
# (snapshot tier: the snapshots stay in the storage account, billed on changed data only), and
# finance shares whose last snapshot of each day is copied to the vault (vault tier). \`vaultsim
# run\` shows snapshots and vault points by type, their bytes, the 200-snapshots-a-share check,
# the bill (each storage account is a protected instance) and how each restore went.

name: file-shares
seed: 1
duration: 90d

regions:
  - { name: westeurope, pair: northeurope, zones: 3 }
  - { name: northeurope, pair: westeurope, zones: 3 }

vaults:
  - { name: rsv-files, region: westeurope, redundancy: ZRS }

fileSharePolicies:
  # Snapshot tier: every 4 hours, all day; each snapshot kept 30 days, the day's last one
  # also 8 weeks on Sundays. §13.3's count: 6 × (30 + 1) + 8 = 194 of the 200 a share may hold.
  - name: team-4h
    schedule: { frequency: hourly, every: 4h, window: { start: "00:00", duration: 24h }, timeZone: Europe/Amsterdam }
    retention: { daily: 30, weekly: { count: 8, on: Sunday } }
  # Vault tier: a daily snapshot at 22:00 kept 7 days in the share; that snapshot copied to
  # the vault and kept 30 days, Sundays 12 weeks, the first Sunday 12 months.
  - name: finance-vaulted
    tier: vault
    schedule: { frequency: daily, at: "22:00", timeZone: Europe/Amsterdam }
    snapshotRetention: 7d
    retention:
      daily: 30
      weekly: { count: 12, on: Sunday }
      monthly: { count: 12, on: first Sunday }

fileShares:
  # Ten team shares in one storage account: 300 GiB each, 3% changed a day ("moderate" in
  # Azure's estimator).
  - name: team
    storageAccount: stteams
    region: westeurope
    count: 10
    size: 300GiB
    growth: 15%
    churn: { daily: 3% }
    vault: rsv-files
    policy: team-4h
    # A user deletes a folder: 12 items restored to where they were, from last night.
    restores:
      - { at: 45d10h, kind: items, items: 12, to: original, age: 10h }
  # Two finance shares in another account, 2 TiB each, 1% a day ("low").
  - name: finance
    storageAccount: stfinance
    region: westeurope
    count: 2
    size: 2TiB
    churn: { daily: 1% }
    vault: rsv-files
    policy: finance-vaulted
    # An audit asks for the share as it was 40 days ago: only the vault has it, and the vault
    # restores to another place only (an original-location restore would be refused).
    restores:
      - { at: 80d, kind: share, to: alternate, age: 40d }
`;
