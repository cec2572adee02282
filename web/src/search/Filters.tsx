// The search form: free text, a date range, facets as checkable lists with counts, and metadata filters
// with key suggestions (and their units) from metadataKeys.
import { useState } from 'react';
import { useQuery } from 'urql';
import { Autocomplete, Badge, Button, Checkbox, CloseButton, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { PortalMetadataKeysDocument, type FacetResult, type SearchInput } from '../generated/graphql';
import { FACET_NAMES, parseMetaFilter, type SearchState } from './state';

type Update = (change: Partial<SearchState>) => void;

/** The free-text box: the search runs on Enter or the button. */
export function TextSearch({ state, update }: { state: SearchState; update: Update }) {
  const [text, setText] = useState(state.q);
  return (
    <form onSubmit={(e) => (e.preventDefault(), update({ q: text.trim() }))}>
      <Group align="end">
        <TextInput label="Search the catalog" placeholder='words, "phrases", -exclusions, or quantities such as 12 keV' value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ flex: 1 }} />
        <Button type="submit">Search</Button>
      </Group>
    </form>
  );
}

/** Creation date range (inclusive days). */
export function DateRange({ state, update }: { state: SearchState; update: Update }) {
  return (
    <Group grow>
      <TextInput type="date" label="From" value={state.from} onChange={(e) => update({ from: e.currentTarget.value })} />
      <TextInput type="date" label="To" value={state.to} onChange={(e) => update({ to: e.currentTarget.value })} />
    </Group>
  );
}

/** One facet as a checkable list with counts. */
export function FacetList({ facet, state, update }: { facet: FacetResult; state: SearchState; update: Update }) {
  const name = FACET_NAMES[facet.facet] ?? facet.facet;
  const checked = (v: string) => state.facets.some((f) => f.facet === facet.facet && f.value === v);
  const toggle = (v: string) =>
    update({ facets: checked(v) ? state.facets.filter((f) => !(f.facet === facet.facet && f.value === v)) : [...state.facets, { facet: facet.facet, value: v }] });
  if (!facet.buckets.length) return null;
  return (
    <Stack gap={4} role="group" aria-label={`${name} facet`}>
      <Title order={6}>{name}</Title>
      {facet.buckets.map((b) => (
        <Checkbox key={b.value} size="xs" checked={checked(b.value)} onChange={() => toggle(b.value)} label={`${b.label ?? b.value} (${b.count})`} />
      ))}
      {facet.otherCount > 0 && <Text size="xs" c="dimmed">and {facet.otherCount} more</Text>}
    </Stack>
  );
}

const OPERATORS = ['=', '!=', '>', '>=', '<', '<=', 'exists'];

/** Metadata filters: type a key (suggestions with units), pick an operator, type a value with its unit. */
export function MetadataFilters({ state, update, input }: { state: SearchState; update: Update; input: SearchInput }) {
  const [key, setKey] = useState('');
  const [op, setOp] = useState<string>('>');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [keys] = useQuery({ query: PortalMetadataKeysDocument, variables: { prefix: key || null, input }, pause: key.length < 1 });
  const units = new Map((keys.data?.metadataKeys ?? []).map((k) => [k.key, k.units]));
  const options = [...units.keys()];
  const add = () => {
    const text = op === 'exists' ? `${key} exists` : `${key} ${op} ${value}`;
    const p = parseMetaFilter(text);
    if ('error' in p) return setError(p.error);
    setError(null);
    if (!state.meta.includes(text)) update({ meta: [...state.meta, text] });
    setKey('');
    setValue('');
  };
  return (
    <Stack gap="xs">
      <Title order={6}>Metadata</Title>
      <Autocomplete label="Metadata key" placeholder="e.g. beamline.energy" data={options} value={key} onChange={setKey}
        renderOption={({ option }) => <Text size="sm">{option.value}{units.get(option.value)?.length ? <Text span c="dimmed" size="xs"> ({units.get(option.value)!.join(', ')})</Text> : null}</Text>} />
      <Group grow>
        <Select label="Operator" data={OPERATORS} value={op} onChange={(v) => setOp(v ?? '>')} allowDeselect={false} />
        <TextInput label="Value" placeholder="12 keV" value={value} disabled={op === 'exists'} onChange={(e) => setValue(e.currentTarget.value)} />
      </Group>
      <Button size="xs" onClick={add} disabled={!key}>Add metadata filter</Button>
      {error && <Text c="red" size="sm" role="alert">{error}</Text>}
      {state.meta.map((m) => {
        const bad = parseMetaFilter(m);
        return (
          <Group key={m} gap={4}>
            <Badge color={'error' in bad ? 'red' : 'blue'} variant="light" tt="none">{m}</Badge>
            <CloseButton size="xs" aria-label={`Remove filter ${m}`} onClick={() => update({ meta: state.meta.filter((x) => x !== m) })} />
            {'error' in bad && <Text c="red" size="xs" role="alert">{bad.error}</Text>}
          </Group>
        );
      })}
    </Stack>
  );
}
