// Demo labels: four declared sets, labels from two people on their own proposals' datasets, and a
// model's classification of every MX rotation dataset. Written through the services, like any label.
import { systemIdentity, type Identity } from '../src/auth';
import type { Services } from '../src/app/services';
import type { LabelSetSpec } from '../src/catalog/label/labelset.service';
import type { Rng } from './metadata';
import { DEMO } from './demo';

export const DEMO_LABEL_SETS: LabelSetSpec[] = [
  { name: 'quality', kind: 'score', min: 1, max: 5, step: 1, description: 'Overall data quality, 1 (unusable) to 5 (excellent)' },
  { name: 'like', kind: 'like', description: 'Would use this dataset again' },
  { name: 'diffraction', kind: 'class', values: ['strong', 'weak', 'none'], description: 'Diffraction strength seen in the first images' },
  { name: 'artefacts', kind: 'tags', values: ['ring', 'streak', 'ice', 'motion', 'beam-damage'], description: 'Artefacts visible in the data' },
];

function person(subject: keyof typeof DEMO.users): Identity {
  const u = DEMO.users[subject];
  return { subject, role: u.role, groups: [...u.groups], via: 'system' };
}

export async function seedLabels(services: Services, r: Rng): Promise<{ labelSets: number; labels: number }> {
  const steward = systemIdentity('seed');
  for (const s of DEMO_LABEL_SETS) await services.labelSets.declare(steward, s, () => services.labels.valuesOf(s.name));
  const alice = person('alice');
  const bob = person('bob');
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  let labels = 0;
  const raw = [];
  for await (const d of services.datasets.stream(steward, { type: 'raw' }, { sort: { _id: 1 }, projection: { _id: 1, instrumentId: 1, ownerGroup: 1 } })) raw.push(d);
  for (const d of raw) {
    const mx = d.instrumentId === 'instrument/bl17u1';
    const who = mx ? (alice.groups.includes(d.ownerGroup) ? alice : undefined) : bob.groups.includes(d.ownerGroup) ? bob : undefined;
    if (who) {
      await services.labels.set(who, { datasetPid: d._id, labelSet: 'quality', score: 2 + Math.floor(r() * 4) });
      await services.labels.set(who, { datasetPid: d._id, labelSet: 'like', like: r() > 0.3 });
      if (!mx) await services.labels.set(who, { datasetPid: d._id, labelSet: 'artefacts', tags: r() > 0.5 ? ['ring'] : ['ring', 'motion'] });
      labels += mx ? 2 : 3;
    }
    if (mx) {
      const m = { name: 'spotfinder', version: '2.1.0' };
      await services.labels.set(steward, { datasetPid: d._id, labelSet: 'diffraction', class: pick(['strong', 'strong', 'weak', 'none'] as const), model: m });
      await services.labels.set(steward, { datasetPid: d._id, labelSet: 'quality', score: 1 + Math.floor(r() * 5), model: m });
      labels += 2;
    }
  }
  return { labelSets: DEMO_LABEL_SETS.length, labels };
}
