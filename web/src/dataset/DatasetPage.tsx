// One dataset: every field, its scientific metadata with units, its files, lineage, labels, publications
// with a citation to copy, attachments, and the JSON of the record.
import { useLocation, Link } from 'react-router';
import { useQuery } from 'urql';
import { Badge, Button, Code, CopyButton, Group, Image, Loader, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { PortalDatasetDocument } from '../generated/graphql';
import { ErrorList, bytes, enc, safeDecode } from '../api/ErrorList';
import { MetadataTable } from './MetadataTable';
import { Files } from './Files';
import { Lineage } from './Lineage';
import { Labels } from './Labels';

const FIELDS: [string, string][] = [
  ['pid', 'PID'], ['type', 'Type'], ['description', 'Description'], ['owner', 'Owner'], ['ownerEmail', 'Owner e-mail'], ['principalInvestigator', 'Principal investigator'],
  ['contactEmail', 'Contact'], ['creationTime', 'Created'], ['startTime', 'Started'], ['endTime', 'Ended'], ['creationLocation', 'Location'], ['sourceFolder', 'Source folder'],
  ['dataFormat', 'Format'], ['runNumber', 'Run'], ['license', 'Licence'], ['version', 'Version'], ['keywords', 'Keywords'], ['usedSoftware', 'Software'],
  ['ownerGroup', 'Group'], ['accessGroups', 'Shared with groups'], ['isPublished', 'Published'], ['createdBy', 'Written by'], ['updatedAt', 'Last changed'],
];

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return new Date(v).toLocaleString();
  return String(v);
}

/** The dataset page at /datasets/<pid, encoded>. */
export function DatasetPage() {
  const pid = safeDecode(useLocation().pathname.slice('/datasets/'.length));
  const [r, again] = useQuery({ query: PortalDatasetDocument, variables: { pid, first: 1 } });
  if (r.fetching && !r.data) return <Loader aria-label="Loading" />;
  const d = r.data?.dataset;
  if (r.error) return <ErrorList error={r.error} title="The dataset could not be read" />;
  if (!d) return <ErrorList error={new Error(`no dataset "${pid}" that you may see. It does not exist, or it is not published and you are not signed in as someone who may see it.`)} title="Dataset not found" />;
  const rec = d as unknown as Record<string, unknown>;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{d.datasetName ?? d.pid}</Title>
        <Group gap="xs">
          <Badge>{d.type}</Badge>
          {d.instrument && <Badge variant="light">{d.instrument.name}</Badge>}
          {d.proposals.map((p) => <Link key={p.proposalId} to={`/proposals/${enc(p.proposalId)}`}>{p.title ?? p.proposalId}</Link>)}
          {d.samples.map((s) => <Link key={s.sampleId} to={`/samples/${enc(s.sampleId)}`}>{s.sampleName ?? s.sampleId}</Link>)}
        </Group>
      </Group>
      {d.attachments[0] && <Image src={d.attachments[0].thumbnail} alt={d.attachments[0].caption ?? 'attachment'} maw={240} />}
      <Tabs defaultValue="fields" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="fields">Fields</Tabs.Tab>
          <Tabs.Tab value="metadata">Scientific metadata</Tabs.Tab>
          <Tabs.Tab value="files">Files ({d.files.totalCount}, {bytes(d.size)})</Tabs.Tab>
          <Tabs.Tab value="lineage">Lineage</Tabs.Tab>
          <Tabs.Tab value="labels">Labels</Tabs.Tab>
          <Tabs.Tab value="publications">Publications ({d.publications.length})</Tabs.Tab>
          <Tabs.Tab value="json">JSON</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="fields" pt="sm">
          <Table aria-label="Fields"><Table.Tbody>
            {FIELDS.filter(([k]) => show(rec[k]) !== '').map(([k, label]) => <Table.Tr key={k}><Table.Th w={220}>{label}</Table.Th><Table.Td>{show(rec[k])}</Table.Td></Table.Tr>)}
            {(d.techniques ?? []).length > 0 && <Table.Tr><Table.Th>Techniques</Table.Th><Table.Td>{d.techniques!.map((t) => t.name).join(', ')}</Table.Td></Table.Tr>}
          </Table.Tbody></Table>
        </Tabs.Panel>
        <Tabs.Panel value="metadata" pt="sm"><MetadataTable meta={d.scientificMetadata} /></Tabs.Panel>
        <Tabs.Panel value="files" pt="sm"><Files pid={d.pid} /></Tabs.Panel>
        <Tabs.Panel value="lineage" pt="sm">
          {d.inputDatasetRecords.length || d.derivedDatasets.nodes.length ? <Lineage self={d} inputs={d.inputDatasetRecords} outputs={d.derivedDatasets.nodes} /> : <Text c="dimmed">No inputs or derived datasets that you may see.</Text>}
        </Tabs.Panel>
        <Tabs.Panel value="labels" pt="sm"><Labels data={r.data!} onChange={() => again({ requestPolicy: 'network-only' })} /></Tabs.Panel>
        <Tabs.Panel value="publications" pt="sm">
          <Stack gap="sm">
            {!d.publications.length && <Text c="dimmed">Not in a publication.</Text>}
            {d.publications.map((p) => (
              <Stack key={p.id} gap={2}>
                <Link to={`/publications/${enc(p.id)}`}>{p.title}</Link>
                <Text size="sm">{p.citation}</Text>
                <Group gap="xs">
                  <Badge size="xs">{p.status}</Badge>
                  {p.doiUrl && <a href={p.doiUrl}>{p.doi}</a>}
                  <CopyButton value={p.citation}>{({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? 'Citation copied' : 'Copy citation'}</Button>}</CopyButton>
                </Group>
              </Stack>
            ))}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="json" pt="sm"><Code block>{JSON.stringify(d, null, 2)}</Code></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
