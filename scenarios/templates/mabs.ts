// Starter scenario for Azure Backup Server (issue 17): on-premises file servers and SQL
// Servers protected to disk, then online to a vault over a throttled WAN link; a connectivity
// loss longer than 15 days and the loss of the server itself.

/** Text of the `mabs` template. */
export const MABS = `# yaml-language-server: $schema=./node_modules/vaultsim/scenarios/scenario.schema.json
#
# Microsoft Azure Backup Server (MABS) in a branch office: file servers and SQL Servers are
# synchronised to the server's own disks, and twice a day the latest disk point goes online to
# a Recovery Services vault over the office's WAN link. \`vaultsim run\` shows disk and vault
# points, jobs by type, the bill (each protected machine is an instance) and what the two
# incidents below do: 16 days without connectivity, then the server lost.

name: mabs
seed: 1
duration: 120d

regions:
  - { name: northeurope, pair: westeurope }
  - { name: westeurope, pair: northeurope }

vaults:
  - { name: rsv-branch, region: northeurope, redundancy: GRS }

backupServers:
  - name: mabs-dublin
    vault: rsv-branch
    compression: 30%          # online traffic is compressed; the ratio is an assumption
    # The online backups use the MARS agent's throttling: 20 Mbps in office hours, 200 at night.
    network:
      workHours: { bandwidth: 20Mbps, from: "08:00", to: "18:00" }
      nonWorkHours: 200Mbps
      timeZone: Europe/Dublin
    protectionGroups:
      # File servers: synchronised hourly (at most hourly for files), kept 2 days on disk:
      # 48 disk points, within the 64 a file server may keep.
      - name: fs
        workload: files
        machines: 20
        data: 200GiB
        churn: { daily: 2% }
        disk: { sync: 1h, retention: 2d }
        online:
          times: ["12:30", "23:00"]   # at most twice a day
          timeZone: Europe/Dublin
          retention: { daily: 30, weekly: { count: 12, on: Sunday }, monthly: { count: 12, on: last Sunday } }
      # SQL Servers: synchronised every 15 minutes, kept 4 days (384 of the 448 allowed).
      - name: sql
        workload: sql
        machines: 2
        data: 800GiB
        churn: { daily: 5% }
        disk: { sync: 15m, retention: 4d }
        online:
          times: ["23:30"]
          timeZone: Europe/Dublin
          retention: { daily: 30, monthly: { count: 12, on: last Sunday } }
    # The office's internet link is down for 16 days: online backups fail at once, and after
    # 15 days the backups to disk stop too.
    offline:
      - { at: 40d, for: 16d }
    # The server itself is lost on day 100: its disk points go with it, the vault's stay.
    lost: 100d
`;
