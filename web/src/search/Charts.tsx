// Plots of the current search: datasets over time (the index's year or month facet) and the distribution of
// a chosen numeric metadata key, in SI units (metadataHistogram).
import { useState } from 'react';
import { useQuery } from 'urql';
import { Select, Stack, Text, Title } from '@mantine/core';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PortalHistogramDocument, PortalMetadataKeysDocument, type FacetResult, type SearchInput } from '../generated/graphql';
import { ErrorList } from '../api/ErrorList';

/** Datasets per year (or month, when the search spans one year). */
export function TimeChart({ facets }: { facets: FacetResult[] }) {
  const months = facets.find((f) => f.facet === 'MONTH');
  const years = facets.find((f) => f.facet === 'YEAR');
  const use = years && years.buckets.length <= 1 && months?.buckets.length ? months : years;
  if (!use?.buckets.length) return null;
  const data = [...use.buckets].sort((a, b) => a.value.localeCompare(b.value)).map((b) => ({ when: b.value, datasets: b.count }));
  return (
    <Stack gap={4} aria-label="Datasets over time">
      <Title order={6}>Datasets over time</Title>
      <ResponsiveContainer width="100%" height={140}>
        <BarChart data={data}>
          <XAxis dataKey="when" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} width={40} />
          <Tooltip />
          <Bar dataKey="datasets" fill="#228be6" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </Stack>
  );
}

/** The distribution of one numeric metadata key over the search. */
export function MetadataChart({ input }: { input: SearchInput }) {
  const [path, setPath] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [keys] = useQuery({ query: PortalMetadataKeysDocument, variables: { prefix: typed.trim() && typed !== path ? typed.trim() : null, input, first: 200 } });
  const numeric = (keys.data?.metadataKeys ?? []).filter((k) => k.types.some((t) => t === 'number' || t === 'quantity'));
  const [h] = useQuery({ query: PortalHistogramDocument, variables: { input, path: path ?? '', buckets: 20 }, pause: !path });
  const hist = h.data?.metadataHistogram;
  const fmt = (x: number) => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-2 && x !== 0) ? x.toExponential(2) : x.toPrecision(3));
  return (
    <Stack gap={4} aria-label="Metadata distribution">
      <Select label="Distribution of a metadata key" placeholder="type or pick a numeric key" data={[...new Set([...numeric.map((k) => k.key), ...(path ? [path] : [])])]} value={path} onChange={setPath} searchable searchValue={typed} onSearchChange={setTyped} clearable />
      <ErrorList error={h.error} title="The distribution could not be computed" />
      {hist && (
        <>
          <Text size="xs" c="dimmed">{hist.count} datasets, {fmt(hist.min ?? 0)} to {fmt(hist.max ?? 0)} {hist.unit ?? ''} (SI)</Text>
          <ResponsiveContainer width="100%" height={140}>
            <BarChart data={hist.buckets.map((b) => ({ at: fmt(b.from), count: b.count }))}>
              <XAxis dataKey="at" fontSize={10} />
              <YAxis allowDecimals={false} fontSize={11} width={40} />
              <Tooltip />
              <Bar dataKey="count" fill="#40c057" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </>
      )}
    </Stack>
  );
}
