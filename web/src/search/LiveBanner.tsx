// "N new datasets": the datasetChanged subscription says when datasets the reader may see were written; the
// banner counts those that match the current search (a count query against the total the page showed).
import { useEffect, useRef, useState } from 'react';
import { useClient, useSubscription } from 'urql';
import { Alert, Button, Group, Text } from '@mantine/core';
import { PortalDatasetChangedDocument, PortalSearchDocument, type SearchInput } from '../generated/graphql';

async function countOf(client: ReturnType<typeof useClient>, input: SearchInput): Promise<number | null> {
  const r = await client.query(PortalSearchDocument, { input, first: 0, offset: 0, facets: [], withMeta: false }, { requestPolicy: 'network-only' }).toPromise();
  return r.data?.search.totalCount ?? null;
}

/** A banner offering to show datasets that arrived since the search ran. */
export function LiveBanner({ input, inputKey, onShow }: { input: SearchInput; inputKey: string; onShow: () => void }) {
  const client = useClient();
  const base = useRef<number | null>(null);
  const [fresh, setFresh] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    base.current = null;
    setFresh(0);
    void countOf(client, input).then((n) => (base.current = n));
  }, [inputKey]); // again when the search changes, not on every render
  const [sub] = useSubscription({ query: PortalDatasetChangedDocument });
  useEffect(() => {
    if (sub.data?.datasetChanged.op !== 'created') return;
    // the index shows a write within about a second: count a little later, once for a burst
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const n = await countOf(client, input);
      if (n !== null && base.current !== null) setFresh(Math.max(0, n - base.current));
    }, 1500);
  }, [sub.data]); // on each event
  if (!fresh) return null;
  return (
    <Alert color="teal" mb="sm" role="status">
      <Group justify="space-between">
        <Text size="sm">{fresh} new dataset{fresh === 1 ? '' : 's'} match{fresh === 1 ? 'es' : ''} this search</Text>
        <Button size="xs" onClick={() => { base.current = null; setFresh(0); onShow(); }}>Show</Button>
      </Group>
    </Alert>
  );
}
