// Starter scenario for a ransomware rehearsal with backup deletion: an attacker with the
// backup-admin role runs a playbook against the vault, then encrypts the VMs; the vault's
// protections (soft delete, immutability, multi-user authorization) decide what survives.

/** Text of the `ransomware` template. */
export const RANSOMWARE = `# yaml-language-server: $schema=./node_modules/vaultsim/scenarios/scenario.schema.json
#
# Ransomware with backup deletion: on day 40 an attacker who holds the backup-admin role (but
# not the Resource Guard) tries to remove the backups, then encrypts the VMs.
# \`vaultsim run scenario.yaml\` lists every operation (blocked or not, and by what), the
# security alerts, what survived per group, and each VM's recovery (RPO, RTO).
# \`vaultsim compare scenario.yaml\` shows what each protection (the variants) saves.

name: ransomware
seed: 1
duration: 60d

regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }

vaults:
  # No protection here; the variants below add it. softDelete: deleted data stays recoverable
  # this long (14d–180d, or false). softDeleteAlwaysOn: it can no longer be switched off.
  # immutability: disabled, enabled (reversible) or locked (irreversible). resourceGuard:
  # multi-user authorization, critical operations need its approval.
  - { name: rsv, region: eastus, softDelete: false, immutability: disabled }

policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    retention: { daily: 30 }

fleet:
  - name: app
    count: 4
    region: eastus
    disks: [{ size: 128GiB, used: 50%, churn: { daily: 3% } }]
    backup: { vault: rsv, policy: daily }

# Operations take an actor: admin (default) or attacker. Others: stopProtection (data: retain
# or delete), resumeProtection, undelete, changePolicy (policy + retention/schedule, or
# vms/group + to), setImmutability, disableMua.
events:
  - { at: 40d2h, setSoftDelete: { vault: rsv, state: disabled, actor: attacker } }
  - { at: 40d2h5m, changePolicy: { policy: daily, retention: { daily: 7 }, actor: attacker } }
  - { at: 40d2h10m, deleteBackup: { group: app } }
  - { at: 40d3h, ransomware: { group: app, detectedAfter: 4h } }

recovery:
  detection: 30m
  undelete: 5m

objectives: { rpo: 24h, rto: 8h }

variants:
  # Soft delete that cannot be switched off: the data is undeleted, then restored.
  soft-delete-always-on:
    vaults.rsv.softDelete: 14d
    vaults.rsv.softDeleteAlwaysOn: true
  # A locked immutable vault with a Resource Guard: every step of the attack fails.
  locked-mua:
    vaults.rsv.softDelete: 14d
    vaults.rsv.immutability: locked
    vaults.rsv.resourceGuard: { approvalDelay: 1h }
`;
