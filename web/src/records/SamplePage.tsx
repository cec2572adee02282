// A sample: its fields, characteristics and datasets as a timeline.
import { useParams, Link } from 'react-router';
import { useQuery } from 'urql';
import { Code, Loader, Stack, Title } from '@mantine/core';
import { PortalSampleDocument } from '../generated/graphql';
import { ErrorList, enc } from '../api/ErrorList';
import { DatasetTimeline, FieldRows } from './Timeline';

const FIELDS: [string, string][] = [['sampleId', 'Sample'], ['sampleName', 'Name'], ['description', 'Description'], ['owner', 'Owner'], ['ownerGroup', 'Group']];

/** The sample page at /samples/<id>. */
export function SamplePage() {
  const id = useParams().id!;
  const [r] = useQuery({ query: PortalSampleDocument, variables: { sampleId: id } });
  if (r.fetching && !r.data) return <Loader aria-label="Loading" />;
  if (r.error) return <ErrorList error={r.error} title="The sample could not be read" />;
  const s = r.data?.sample;
  if (!s) return <ErrorList error={new Error(`no sample "${id}" that you may see.`)} title="Sample not found" />;
  return (
    <Stack>
      <Title order={2}>{s.sampleName ?? s.description ?? s.sampleId}</Title>
      <table aria-label="Fields"><tbody><FieldRows rec={s as unknown as Record<string, unknown>} fields={FIELDS} /></tbody></table>
      {s.proposal && <Link to={`/proposals/${enc(s.proposal.proposalId)}`}>Proposal: {s.proposal.title}</Link>}
      {s.sampleCharacteristics && <Code block>{JSON.stringify(s.sampleCharacteristics, null, 2)}</Code>}
      <Title order={4}>Datasets</Title>
      <DatasetTimeline rows={s.datasets.nodes} total={s.datasets.totalCount} />
    </Stack>
  );
}
