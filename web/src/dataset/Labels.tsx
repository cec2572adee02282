// Labels of a dataset, per label set: the summary everyone sees, and, for a signed-in reader, their own
// like/dislike, score, tags or class, set through setLabel.
import { useState } from 'react';
import { useMutation } from 'urql';
import { Button, Group, NumberInput, Select, Stack, TagsInput, Text, Title } from '@mantine/core';
import { PortalSetLabelDocument, type PortalDatasetQuery } from '../generated/graphql';
import { ErrorList } from '../api/ErrorList';
import { useAuth } from '../auth/auth';

type Data = PortalDatasetQuery;
type LabelSet = Data['labelSets'][number];

function Setter({ pid, set, onDone }: { pid: string; set: LabelSet; onDone: () => void }) {
  const [r, setLabel] = useMutation(PortalSetLabelDocument);
  const [score, setScore] = useState<number | string>(set.min ?? 0);
  const [tags, setTags] = useState<string[]>([]);
  const [klass, setKlass] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const send = async (extra: Record<string, unknown>) => {
    const res = await setLabel({ input: { datasetPid: pid, labelSet: set.name, ...extra } });
    if (res.error) return;
    const l = res.data!.setLabel;
    setSaved(l.like !== null && l.like !== undefined ? (l.like ? 'like' : 'dislike') : String(l.score ?? l.class ?? (l.tags ?? []).join(', ')));
    // the summaries come from the search index, which shows a write within about a second
    onDone();
    setTimeout(onDone, 1500);
  };
  return (
    <Stack gap={4}>
      {set.kind === 'LIKE' && (
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={() => send({ like: true })}>Like</Button>
          <Button size="xs" variant="light" color="red" onClick={() => send({ like: false })}>Dislike</Button>
        </Group>
      )}
      {set.kind === 'SCORE' && (
        <Group gap="xs" align="end">
          <NumberInput size="xs" label={`Score (${set.min ?? ''}–${set.max ?? ''})`} value={score} onChange={setScore} min={set.min ?? undefined} max={set.max ?? undefined} step={set.step ?? undefined} clampBehavior="none" />
          <Button size="xs" disabled={score === '' || !Number.isFinite(Number(score))} onClick={() => send({ score: Number(score) })}>Set score</Button>
        </Group>
      )}
      {set.kind === 'TAGS' && (
        <Group gap="xs" align="end">
          <TagsInput size="xs" label="Tags" value={tags} onChange={setTags} data={set.values ?? []} />
          <Button size="xs" onClick={() => send({ tags })}>Set tags</Button>
        </Group>
      )}
      {set.kind === 'CLASS' && (
        <Group gap="xs" align="end">
          <Select size="xs" label="Class" data={set.values ?? []} value={klass} onChange={setKlass} />
          <Button size="xs" disabled={!klass} onClick={() => send({ class: klass })}>Set class</Button>
        </Group>
      )}
      {saved && <Text size="xs" c="teal" role="status">Saved: {saved}</Text>}
      <ErrorList error={r.error} title="The label was not saved" />
    </Stack>
  );
}

/** The label sets of the catalog as they apply to one dataset. */
export function Labels({ data, onChange }: { data: Data; onChange: () => void }) {
  const auth = useAuth();
  const d = data.dataset!;
  if (!data.labelSets.length) return <Text c="dimmed">No label sets are declared.</Text>;
  return (
    <Stack gap="sm" aria-label="Labels">
      {data.labelSets.map((set) => {
        const s = d.labelSummary.find((x) => x.labelSet === set.name);
        const mine = d.labels.filter((l) => l.labelSet === set.name && l.by === auth.user?.profile.sub);
        return (
          <Stack key={set.name} gap={2}>
            <Title order={6}>{set.name}{set.description ? ` — ${set.description}` : ''}</Title>
            <Text size="sm" data-testid={`label-summary-${set.name}`}>
              {!s || !s.count ? 'No labels yet.' : set.kind === 'LIKE' ? `${s.likes ?? 0} like${s.likes === 1 ? '' : 's'}, ${s.dislikes ?? 0} dislike${s.dislikes === 1 ? '' : 's'}` : set.kind === 'SCORE' ? `mean score ${s.meanScore?.toFixed(2)} from ${s.count}` : (s.counts ?? []).map((c) => `${c.value}: ${c.count}`).join(', ')}
            </Text>
            {mine.length > 0 && <Text size="xs" c="dimmed">Yours: {mine.map((l) => (l.like !== null && l.like !== undefined ? (l.like ? 'like' : 'dislike') : l.score ?? l.class ?? (l.tags ?? []).join(', '))).join('; ')}</Text>}
            {auth.user ? <Setter pid={d.pid} set={set} onDone={onChange} /> : <Text size="xs" c="dimmed">Sign in to label.</Text>}
          </Stack>
        );
      })}
    </Stack>
  );
}
