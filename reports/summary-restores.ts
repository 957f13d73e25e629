// The restores part of summary.json (issue 18): the jobs log of every restore — a user's, a
// drill's, disaster recovery's — with its status, point, destination and phases, and the
// durations per option and origin; with its JSON Schema node. A run has it only when a restore ran.

import type { RestoreJobResult, RestoresResult } from '../models/results/restores.js';
import { round, roundSummary5 } from './format.js';
import { int, type JsonSchema, list, nullable, num, obj, ref, str } from './schema-nodes.js';

/** Restores in a summary: the run's RestoresResult rounded (seconds to ms, bytes whole), keys in a fixed order. */
export function summariseRestores(r: RestoresResult): RestoresResult {
  return {
    jobs: r.jobs.map(job),
    byOption: r.byOption.map((s) => ({
      option: s.option,
      origin: s.origin,
      requested: s.requested,
      completed: s.completed,
      rejected: s.rejected,
      durationSeconds: roundSummary5(s.durationSeconds),
    })),
  };
}

const s3 = (v: number) => round(v, 3);

const job = (j: RestoreJobResult): RestoreJobResult => ({
  id: j.id,
  origin: j.origin,
  label: j.label,
  vm: j.vm,
  option: j.option,
  target: j.target,
  status: j.status,
  requestedAt: j.requestedAt,
  endedAt: j.endedAt,
  point: j.point === null ? null : { at: j.point.at, source: j.point.source },
  destination: j.destination === null ? null : { region: j.destination.region, zone: j.destination.zone },
  phases: {
    queueing: s3(j.phases.queueing),
    preparing: s3(j.phases.preparing),
    transfer: s3(j.phases.transfer),
    boot: s3(j.phases.boot),
  },
  durationSeconds: j.durationSeconds === null ? null : s3(j.durationSeconds),
  bytes: round(j.bytes),
  note: j.note,
});

const instant = (description: string): JsonSchema =>
  str(description, '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$');
const secs = (description: string) => num(`${description}, seconds.`);
const ORIGIN = {
  description: 'Who asked: a user (events[].restore), a restore drill, or disaster recovery.',
  enum: ['user', 'drill', 'dr'],
};

/** The JSON Schema node of a summary's `restores`. */
export const RESTORES_SCHEMA: JsonSchema = obj(
  'Restore jobs (issue 18): every restore of the run, and durations per option.',
  {
    jobs: list(
      'Every restore job, in request order.',
      obj('One restore job, as the jobs log shows it.', {
        id: str('restore-<n>, in request order.'),
        origin: ORIGIN,
        label: str('What asked for it: the event, the drill and round, or the incident.'),
        vm: str('The VM restored.'),
        option: str('new-vm, restore-disks, replace-disks or files.'),
        target: str('same, zone <n> or cross-region.'),
        status: {
          description:
            'completed; rejected (a rule forbids it, see note); running (not done when the run ended).',
          enum: ['completed', 'rejected', 'running'],
        },
        requestedAt: instant('When it was asked for.'),
        endedAt: nullable(instant('When it was done.')),
        point: nullable(
          obj('The recovery point used.', {
            at: instant('Its data instant.'),
            source: {
              description: 'Where it was read.',
              enum: ['asr-crash', 'asr-app', 'snapshot', 'vault', 'archive', 'secondary-vault'],
            },
          }),
        ),
        destination: nullable(
          obj('Where it landed.', {
            region: str('Region.'),
            zone: { description: 'Zone, or null.', type: ['integer', 'null'], minimum: 1 },
          }),
        ),
        phases: obj('Where the time went, seconds.', {
          queueing: secs('Request until the job started'),
          preparing: secs('Staging, rehydration, undelete, mounts'),
          transfer: secs('Copying disks (shared vault throughput) or files'),
          boot: secs('VM boot'),
        }),
        durationSeconds: nullable(secs('Request until done (the restore’s RTO)')),
        bytes: int('Bytes copied.'),
        note: str('The rule that rejected it, or what to know; empty when nothing.'),
      }),
    ),
    byOption: list(
      'Durations per option and origin, sorted.',
      obj('One option and origin.', {
        option: str('The restore option.'),
        origin: ORIGIN,
        requested: int('Jobs asked for.'),
        completed: int('Jobs done in the run.'),
        rejected: int('Jobs a rule rejected.'),
        durationSeconds: ref('Durations of the completed jobs.', 'summary5'),
      }),
    ),
  },
);
