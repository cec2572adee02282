// A proposal: its fields, samples and datasets as a timeline.
import { useParams, Link } from 'react-router';
import { useQuery } from 'urql';
import { Loader, Stack, Text, Title } from '@mantine/core';
import { PortalProposalDocument } from '../generated/graphql';
import { ErrorList, enc } from '../api/ErrorList';
import { DatasetTimeline, FieldRows } from './Timeline';

const FIELDS: [string, string][] = [['proposalId', 'Proposal'], ['abstract', 'Abstract'], ['pi_firstname', 'PI first name'], ['pi_lastname', 'PI last name'], ['pi_email', 'PI e-mail'], ['email', 'Contact'], ['startTime', 'Start'], ['endTime', 'End'], ['type', 'Type'], ['ownerGroup', 'Group']];

/** The proposal page at /proposals/<id>. */
export function ProposalPage() {
  const id = useParams().id!;
  const [r] = useQuery({ query: PortalProposalDocument, variables: { proposalId: id } });
  if (r.fetching && !r.data) return <Loader aria-label="Loading" />;
  if (r.error) return <ErrorList error={r.error} title="The proposal could not be read" />;
  const p = r.data?.proposal;
  if (!p) return <ErrorList error={new Error(`no proposal "${id}" that you may see.`)} title="Proposal not found" />;
  return (
    <Stack>
      <Title order={2}>{p.title}</Title>
      <table aria-label="Fields"><tbody><FieldRows rec={p as unknown as Record<string, unknown>} fields={FIELDS} /></tbody></table>
      {(p.measurementPeriodList ?? []).map((m, i) => <Text key={i} size="sm">{m.instrument}: {m.start ? new Date(m.start).toLocaleString() : '?'} – {m.end ? new Date(m.end).toLocaleString() : '?'}</Text>)}
      <Title order={4}>Samples</Title>
      {p.samples.nodes.map((s) => <Link key={s.sampleId} to={`/samples/${enc(s.sampleId)}`}>{s.sampleName ?? s.description ?? s.sampleId}</Link>)}
      <Title order={4}>Datasets</Title>
      <DatasetTimeline rows={p.datasets.nodes} total={p.datasets.totalCount} />
    </Stack>
  );
}
