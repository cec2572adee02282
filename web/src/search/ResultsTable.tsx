// Results as a table: the reader picks the columns (any scientific metadata key, shown with its unit, the
// owner, the pid, …) and sorts by any of them on the server; pages by offset.
import { useRef, useState } from 'react';
import { useQuery } from 'urql';
import { Group, MultiSelect, Pagination, Table, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { PortalMetadataKeysDocument, PortalSearchDocument, type SearchInput, type HitFieldsFragment } from '../generated/graphql';
import { ErrorList, bytes, enc } from '../api/ErrorList';
import type { SearchState } from './state';

const PAGE = 20;
const COLUMNS: Record<string, { label: string; field: string; show: (h: HitFieldsFragment) => React.ReactNode }> = {
  pid: { label: 'PID', field: 'pid', show: (h) => <Link to={`/datasets/${enc(h.id)}`}>{h.id}</Link> },
  title: { label: 'Name', field: 'title', show: (h) => h.title },
  time: { label: 'Created', field: 'creationTime', show: (h) => (h.time ? new Date(h.time).toLocaleString() : '') },
  owner: { label: 'Owner', field: 'owner', show: (h) => h.dataset?.owner },
  ownerGroup: { label: 'Group', field: 'ownerGroup', show: (h) => h.dataset?.ownerGroup },
  principalInvestigator: { label: 'PI', field: 'principalInvestigator', show: (h) => h.dataset?.principalInvestigator },
  instrument: { label: 'Beamline', field: 'instrumentId', show: (h) => h.dataset?.instrument?.name },
  type: { label: 'Type', field: 'type', show: (h) => h.dataset?.type },
  size: { label: 'Size', field: 'size', show: (h) => bytes(h.dataset?.size) },
  numberOfFiles: { label: 'Files', field: 'numberOfFiles', show: (h) => h.dataset?.numberOfFiles },
};

/** A metadata value as written: a quantity as "12 keV", anything else as text. */
function metaValue(meta: Record<string, unknown> | null | undefined, path: string): string {
  let v: unknown = meta;
  for (const p of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  if (v && typeof v === 'object' && 'value' in v) return `${(v as { value: unknown }).value}${(v as { unit?: string }).unit ? ` ${(v as { unit?: string }).unit}` : ''}`;
  return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The table view of a search. */
export function ResultsTable({ state, input, update }: { state: SearchState; input: SearchInput; update: (c: Partial<SearchState>) => void }) {
  const [page, setPage] = useState(1);
  const cols = state.cols.filter((c) => c.startsWith('meta:') || c in COLUMNS);
  const metaCols = cols.filter((c) => c.startsWith('meta:')).map((c) => c.slice(5));
  // keys are offered as the reader types (a catalog may hold thousands); the first 200 before that
  const [typed, setTyped] = useState('');
  const [keys] = useQuery({ query: PortalMetadataKeysDocument, variables: { prefix: typed.trim() || null, input, first: 200 } });
  const seen = useRef(new Map<string, string[]>());
  for (const k of keys.data?.metadataKeys ?? []) seen.current.set(k.key, k.units);
  const units = seen.current;
  const o = state.order;
  const order = o ? (o.col.startsWith('meta:') ? { path: o.col.slice(5), direction: o.dir === 'asc' ? 'ASC' : 'DESC' } : { field: COLUMNS[o.col]?.field ?? o.col, direction: o.dir === 'asc' ? 'ASC' : 'DESC' }) : null;
  const [r] = useQuery({ query: PortalSearchDocument, variables: { input, first: PAGE, offset: (page - 1) * PAGE, order: order as never, facets: [], withMeta: metaCols.length > 0, sort: 'NEWEST' } });
  const metaOptions = new Set([...(keys.data?.metadataKeys ?? []).map((k) => k.key), ...metaCols]);
  const options = [...Object.entries(COLUMNS).map(([k, c]) => ({ value: k, label: c.label })), ...[...metaOptions].map((k) => ({ value: `meta:${k}`, label: `${k}${units.get(k)?.length ? ` (${units.get(k)!.join(', ')})` : ''}` }))];
  const sortBy = (col: string) => update({ order: { col, dir: o?.col === col && o.dir === 'asc' ? 'desc' : 'asc' } });
  const header = (col: string) => {
    const label = col.startsWith('meta:') ? `${col.slice(5)}${units.get(col.slice(5))?.length ? ` (${units.get(col.slice(5))!.join(', ')})` : ''}` : COLUMNS[col]?.label ?? col;
    const mark = o?.col === col ? (o.dir === 'asc' ? ' ▲' : ' ▼') : '';
    return (
      <Table.Th key={col} aria-sort={o?.col === col ? (o.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <UnstyledButton onClick={() => sortBy(col)} aria-label={`Sort by ${label}`}>{label}{mark}</UnstyledButton>
      </Table.Th>
    );
  };
  const total = r.data?.search.totalCount ?? 0;
  return (
    <div aria-label="Results table">
      <MultiSelect label="Columns" data={options} value={cols} onChange={(c) => update({ cols: c })} searchable searchValue={typed} onSearchChange={setTyped} mb="sm" />
      <ErrorList error={r.error} title="The search could not be run" />
      <Text size="sm" data-testid="total">{total} dataset{total === 1 ? '' : 's'}</Text>
      <Table striped highlightOnHover>
        <Table.Thead><Table.Tr>{cols.map(header)}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {(r.data?.search.hits ?? []).map((h) => (
            <Table.Tr key={h.id} data-testid="row">
              {cols.map((c) => <Table.Td key={c}>{c.startsWith('meta:') ? metaValue(h.dataset?.scientificMetadata, c.slice(5)) : COLUMNS[c]?.show(h)}</Table.Td>)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="center" mt="sm">
        <Pagination total={Math.min(Math.ceil(total / PAGE), Math.floor(10000 / PAGE))} value={page} onChange={setPage}
          getControlProps={(c) => ({ 'aria-label': { first: 'First page', previous: 'Previous page', next: 'Next page', last: 'Last page' }[c] })} getItemProps={(p) => ({ 'aria-label': `Page ${p}` })} />
      </Group>
    </div>
  );
}
