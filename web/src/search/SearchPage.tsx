// Search, logbook-style: a search box, then narrowing by facets, the beamline › proposal › sample tree, a
// date range and metadata values; results as a logbook or a table; plots of the results; live arrivals.
import { useMemo, useRef, useState } from 'react';
import { useSearchParams, Link } from 'react-router';
import { useQuery } from 'urql';
import { Alert, Badge, Button, CloseButton, Grid, SegmentedControl, Stack, Group } from '@mantine/core';
import { PortalSearchDocument } from '../generated/graphql';
import { dateProblem, FACET_NAMES, readState, searchInput, writeState, type SearchState } from './state';
import { DateRange, FacetList, MetadataFilters, TextSearch } from './Filters';
import { Tree } from './Tree';
import { Logbook } from './Logbook';
import { ResultsTable } from './ResultsTable';
import { MetadataChart, TimeChart } from './Charts';
import { LiveBanner } from './LiveBanner';

const FACETS = ['TYPE', 'INSTRUMENT', 'PROPOSAL', 'SAMPLE', 'TECHNIQUE', 'KEYWORD', 'YEAR', 'MONTH', 'OWNER'] as const;

/** The facet filters in force, each with a way to remove it (also those no list shows, such as one from a shared link). */
function ActiveFilters({ state, update }: { state: SearchState; update: (c: Partial<SearchState>) => void }) {
  if (!state.facets.length) return null;
  return (
    <Group gap={6} aria-label="Filters in force">
      {state.facets.map((f) => (
        <Group key={`${f.facet}:${f.value}`} gap={0}>
          <Badge variant="outline" tt="none">{FACET_NAMES[f.facet] ?? f.facet}: {f.value || '(empty)'}</Badge>
          <CloseButton size="xs" aria-label={`Remove filter ${FACET_NAMES[f.facet] ?? f.facet} ${f.value}`} onClick={() => update({ facets: state.facets.filter((x) => x !== f) })} />
        </Group>
      ))}
    </Group>
  );
}

/** The search page; everything it shows follows from the URL. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readState(params), [params]);
  const input = useMemo(() => searchInput(state), [state]);
  const inputKey = JSON.stringify(input);
  const [reload, setReload] = useState(0);
  const update = (change: Partial<SearchState>) => setParams(writeState({ ...state, ...change }));
  const [facets] = useQuery({ query: PortalSearchDocument, variables: { input, first: 0, offset: 0, facets: [...FACETS], withMeta: false } });
  // the last facets stay while a new search runs, so a list does not vanish under the pointer
  const shown = useRef(facets.data?.search.facets ?? []);
  if (facets.data) shown.current = facets.data.search.facets;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 3 }}>
        <Stack gap="md" component="aside" aria-label="Filters">
          <DateRange state={state} update={update} />
          {shown.current.filter((f) => f.facet !== 'MONTH').map((f) => <FacetList key={f.facet} facet={f} state={state} update={update} />)}
          <MetadataFilters state={state} update={update} input={input} />
          <Tree state={state} input={searchInput(state, false)} update={update} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9 }}>
        <Stack gap="sm">
          <TextSearch key={state.q} state={state} update={update} />
          <Group justify="space-between">
            <SegmentedControl aria-label="View" value={state.view} onChange={(v) => update({ view: v as SearchState['view'] })} data={[{ value: 'logbook', label: 'Logbook' }, { value: 'table', label: 'Table' }]} />
            <Group gap="xs">
              <Button component={Link} to={`/exports?${params.toString()}`} variant="light" size="xs">Export these datasets</Button>
              {params.toString() && <Button variant="subtle" size="xs" onClick={() => setParams(new URLSearchParams())}>Clear the search</Button>}
            </Group>
          </Group>
          {dateProblem(state) && <Alert color="orange" role="alert">{dateProblem(state)}</Alert>}
          <ActiveFilters state={state} update={update} />
          <LiveBanner input={input} inputKey={inputKey} onShow={() => setReload((n) => n + 1)} />
          <Grid>
            <Grid.Col span={6}><TimeChart facets={shown.current} /></Grid.Col>
            <Grid.Col span={6}><MetadataChart input={input} /></Grid.Col>
          </Grid>
          {state.view === 'logbook' ? <Logbook key={reload} input={input} inputKey={inputKey} /> : <ResultsTable key={inputKey + reload} state={state} input={input} update={update} />}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
