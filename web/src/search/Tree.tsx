// The drill-down tree: beamline › proposal › sample › dataset, one level at a time, with dataset counts
// under the current search; the path is part of the URL.
import { useQuery } from 'urql';
import { Anchor, Breadcrumbs, NavLink, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PortalTreeDocument, type SearchInput } from '../generated/graphql';
import { enc } from '../api/ErrorList';
import type { SearchState } from './state';

const NEXT: Record<string, keyof SearchState['path']> = { INSTRUMENT: 'instrumentId', PROPOSAL: 'proposalId', SAMPLE: 'sampleId' };

/** The tree level under the state's path. */
export function Tree({ state, input, update }: { state: SearchState; input: SearchInput; update: (c: Partial<SearchState>) => void }) {
  const [r] = useQuery({ query: PortalTreeDocument, variables: { input, path: state.path } });
  const t = r.data?.searchTree;
  const crumbs: { label: string; path: SearchState['path'] }[] = [{ label: 'All beamlines', path: {} }];
  if (state.path.instrumentId) crumbs.push({ label: state.path.instrumentId, path: { instrumentId: state.path.instrumentId } });
  if (state.path.proposalId) crumbs.push({ label: state.path.proposalId, path: { instrumentId: state.path.instrumentId, proposalId: state.path.proposalId } });
  if (state.path.sampleId) crumbs.push({ label: state.path.sampleId, path: state.path });
  return (
    <Stack gap={4} aria-label="Drill-down">
      <Title order={6}>Browse</Title>
      <Breadcrumbs separator="›">
        {crumbs.map((c, i) => (
          <Anchor key={i} component="button" size="xs" onClick={() => update({ path: c.path })}>{c.label}</Anchor>
        ))}
      </Breadcrumbs>
      {t && t.level !== 'DATASET' && t.nodes.map((n) => (
        <NavLink key={n.id} component="button" label={`${n.label ?? n.id} (${n.count})`} onClick={() => update({ path: { ...state.path, [NEXT[t.level]]: n.id } })} />
      ))}
      {t && t.level === 'DATASET' && t.datasets.map((d) => (
        <NavLink key={d.id} component={Link} to={`/datasets/${enc(d.id)}`} label={d.title} />
      ))}
      {t && t.missingCount > 0 && <Text size="xs" c="dimmed">{t.missingCount} without {t.level === 'INSTRUMENT' ? 'an instrument' : `a ${t.level.toLowerCase()}`}</Text>}
    </Stack>
  );
}
