// The smallest useful scenario: one VM with one disk, backed up daily. Everything left
// out takes its default.

/** Text of the `minimal` template. */
export const MINIMAL = `# yaml-language-server: $schema=./node_modules/vaultsim/scenarios/scenario.schema.json
#
# The smallest useful scenario: one VM backed up once a day. Every field left out takes
# its default; \`vaultsim schema\` lists them all, \`vaultsim validate scenario.yaml\` checks.

# name, duration (with a unit: d, h, m, ...) and regions are the only required fields.
name: minimal
duration: 30d
regions:
  - name: eastus

# A Recovery Services vault in the region (redundancy defaults to GRS).
vaults:
  - { name: rsv, region: eastus }

# A daily backup at 22:30 UTC ("at" must be quoted), keeping 30 daily recovery points.
policies:
  - name: daily-30
    schedule: { frequency: daily, at: "22:30" }
    retention: { daily: 30 }

# One VM (count defaults to 1) with a 128GiB disk that is 60% used and changes 3% a day.
fleet:
  - name: app
    region: eastus
    disks:
      - { size: 128GiB, used: 60%, churn: { daily: 3% } }
    backup: { vault: rsv, policy: daily-30 }
`;
