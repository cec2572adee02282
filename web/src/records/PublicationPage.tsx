// A publication: its DataCite fields, status and datasets; stewards approve, register and publish it, and
// each refusal of the DOI workflow is shown as the API says it.
import { useState } from 'react';
import { useLocation, Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Badge, Button, CopyButton, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { PortalApproveDocument, PortalPublicationDocument, PortalPublishDocument, PortalRegisterDocument, PortalViewerDocument } from '../generated/graphql';
import { ErrorList, enc, safeDecode } from '../api/ErrorList';
import { FieldRows } from './Timeline';

const FIELDS: [string, string][] = [['doi', 'DOI'], ['publisher', 'Publisher'], ['publicationYear', 'Year'], ['resourceTypeGeneral', 'Resource type'], ['license', 'Licence'], ['abstract', 'Abstract'], ['approvedBy', 'Approved by'], ['registeredAt', 'Registered'], ['publishedAt', 'Published']];

/** The publication page at /publications/<id or DOI, encoded>. */
export function PublicationPage() {
  const id = safeDecode(useLocation().pathname.slice('/publications/'.length));
  const [r, again] = useQuery({ query: PortalPublicationDocument, variables: { id } });
  const [viewer] = useQuery({ query: PortalViewerDocument });
  const [approve, doApprove] = useMutation(PortalApproveDocument);
  const [register, doRegister] = useMutation(PortalRegisterDocument);
  const [publish, doPublish] = useMutation(PortalPublishDocument);
  const [last, setLast] = useState<string | null>(null);
  if (r.fetching && !r.data) return <Loader aria-label="Loading" />;
  if (r.error) return <ErrorList error={r.error} title="The publication could not be read" />;
  const p = r.data?.publication;
  if (!p) return <ErrorList error={new Error(`no publication "${id}" that you may see.`)} title="Publication not found" />;
  const steward = ['steward', 'admin'].includes(viewer.data?.viewer.role ?? '');
  // each step clears what earlier steps said; publishing is for good (the DOI becomes findable), so it asks first
  const then = (step: string, f: () => Promise<unknown>) => () => {
    if (step === 'publish' && !window.confirm('Publish this DOI? It becomes findable for good, and its datasets public.')) return;
    setLast(step);
    return f().then(() => again({ requestPolicy: 'network-only' }));
  };
  return (
    <Stack>
      <Group><Title order={2}>{p.title}</Title><Badge data-testid="status">{p.status}</Badge></Group>
      <Text size="sm">{p.creator.map((c) => c.name).join('; ')}</Text>
      <Group gap="xs">
        <Text size="sm">{p.citation}</Text>
        <CopyButton value={p.citation}>{({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? 'Citation copied' : 'Copy citation'}</Button>}</CopyButton>
      </Group>
      <table aria-label="Fields"><tbody><FieldRows rec={p as unknown as Record<string, unknown>} fields={FIELDS} /></tbody></table>
      <Title order={4}>Datasets</Title>
      {p.datasets.map((d) => <Link key={d.pid} to={`/datasets/${enc(d.pid)}`}>{d.datasetName ?? d.pid}</Link>)}
      {steward && (
        <Stack gap="xs" aria-label="Steward actions">
          <Group gap="xs">
            <Button size="xs" onClick={then('approve', () => doApprove({ id: p.id }))} loading={approve.fetching}>Approve</Button>
            <Button size="xs" onClick={then('register', () => doRegister({ id: p.id }))} loading={register.fetching}>Register DOI</Button>
            <Button size="xs" onClick={then('publish', () => doPublish({ id: p.id }))} loading={publish.fetching}>Publish</Button>
          </Group>
          {last === 'approve' && <ErrorList error={approve.error} title="Not approved" />}
          {last === 'register' && <ErrorList error={register.error} title="Not registered" />}
          {last === 'publish' && <ErrorList error={publish.error} title="Not published" />}
        </Stack>
      )}
    </Stack>
  );
}
