// Exports: start one from the current search (the datasets it matches, up to 10,000), follow its progress
// live (exportProgress), and download its files.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useClient, useMutation, useQuery, useSubscription } from 'urql';
import { Button, Card, Group, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { PortalCreateExportDocument, PortalExportProgressDocument, PortalExportsDocument, PortalSearchDocument, type ExportFieldsFragment } from '../generated/graphql';
import { ErrorList, bytes } from '../api/ErrorList';
import { dateProblem, FACET_NAMES, parseMetaFilter, readState, searchInput, type SearchState } from '../search/state';
import { useAuth } from '../auth/auth';

/** A search in words: "lysozyme; Type: raw; beamline.energy > 12 keV". */
function describe(s: SearchState): string {
  const parts = [s.q && `"${s.q}"`, ...s.facets.map((f) => `${FACET_NAMES[f.facet] ?? f.facet}: ${f.value}`), s.from && `from ${s.from}`, s.to && `to ${s.to}`, ...s.meta].filter(Boolean);
  return parts.length ? parts.join('; ') : 'everything you may see';
}

/** Downloads an export file with the reader's token (a plain link would carry none). */
function DownloadButton({ url, name, size }: { url: string; name: string; size: number }) {
  const auth = useAuth();
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    const t = auth.token();
    const r = await fetch(url, { headers: t ? { authorization: `Bearer ${t}` } : {} });
    if (!r.ok) return setError(`${name} could not be downloaded: ${r.status} ${(await r.text()).slice(0, 200)}`);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await r.blob());
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  };
  return (
    <Group gap="xs">
      <Button size="xs" variant="subtle" onClick={download}>Download {name} ({bytes(size)})</Button>
      {error && <Text c="red" size="xs" role="alert">{error}</Text>}
    </Group>
  );
}

function Job({ job }: { job: ExportFieldsFragment }) {
  const live = job.status === 'queued' || job.status === 'running';
  const [s] = useSubscription({ query: PortalExportProgressDocument, variables: { id: job.id }, pause: !live });
  const j = s.data?.exportProgress ?? job;
  const pct = j.progress.total ? (100 * j.progress.done) / j.progress.total : 0;
  return (
    <Card withBorder data-testid="export">
      <Group justify="space-between"><Text fw={600}>{j.name}</Text><Text size="sm" data-testid="export-status">{j.status}</Text></Group>
      <Text size="xs" c="dimmed">{j.progress.phase}: {j.progress.done} of {j.progress.total}</Text>
      <Progress value={pct} aria-label={`progress of ${j.name}`} />
      {j.error && <Text c="red" size="sm" role="alert">{j.error}</Text>}
      {(j.files ?? []).map((f) => <DownloadButton key={f.name} url={f.url} name={f.name} size={f.bytes} />)}
    </Card>
  );
}

/** The exports page; `?…` carries the search to export, as the search page's URL does. */
export function ExportPage() {
  const [params] = useSearchParams();
  const state = readState(params);
  const client = useClient();
  const auth = useAuth();
  const [name, setName] = useState('export of my search');
  const [error, setError] = useState<Error | null>(null);
  const [created, create] = useMutation(PortalCreateExportDocument);
  const [jobs, again] = useQuery({ query: PortalExportsDocument, pause: !auth.user });
  const [busy, setBusy] = useState(false);
  const unreadable = state.meta.map(parseMetaFilter).find((p) => 'error' in p) as { error: string } | undefined;
  const start = async () => {
    setBusy(true);
    try {
      await collectAndCreate();
    } finally {
      setBusy(false);
    }
  };
  const collectAndCreate = async () => {
    setError(null);
    if (unreadable) return setError(new Error(`a metadata filter of the search cannot be read, so its datasets are not known: ${unreadable.error}`));
    const dates = dateProblem(state);
    if (dates) return setError(new Error(dates));
    // the search's datasets, by pid: exports select with a dataset filter
    const pids: string[] = [];
    for (let offset = 0; offset < 10000; offset += 500) {
      const r = await client.query(PortalSearchDocument, { input: searchInput(state), first: 500, offset, facets: [], withMeta: false }, { requestPolicy: 'network-only' }).toPromise();
      if (r.error) return setError(r.error);
      pids.push(...(r.data?.search.hits ?? []).map((h) => h.id));
      if (pids.length >= (r.data?.search.totalCount ?? 0)) break;
    }
    if (!pids.length) return setError(new Error('the search matches no dataset to export'));
    const r = await create({ input: { name, filter: { pids } } });
    if (!r.error) again({ requestPolicy: 'network-only' });
  };
  return (
    <Stack>
      <Title order={2}>Exports</Title>
      <Group align="end">
        <TextInput label="Name of the export" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Button onClick={start} loading={busy || created.fetching} disabled={!auth.user}>Export the datasets of the current search</Button>
      </Group>
      {!auth.user && <Text c="orange" role="status">Sign in to export: exports are made for, and downloaded by, the person who asks.</Text>}
      <Text size="xs" c="dimmed">Search: {describe(state)}</Text>
      <ErrorList error={error ?? created.error} title="The export was not started" />
      <ErrorList error={jobs.error} title="The exports could not be listed" />
      {(jobs.data?.exportJobs ?? []).map((j) => <Job key={j.id} job={j} />)}
    </Stack>
  );
}
