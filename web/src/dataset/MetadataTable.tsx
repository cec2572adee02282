// scientificMetadata as a nested table: quantities with their units; clicking a value searches for it.
import { Table, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router';

type Json = Record<string, unknown>;
const isQuantity = (v: unknown): v is { value: unknown; unit?: string } => !!v && typeof v === 'object' && !Array.isArray(v) && 'value' in (v as Json);

function rows(meta: Json, prefix: string, depth: number, out: { path: string; depth: number; label: string; value?: unknown }[]) {
  for (const [k, v] of Object.entries(meta)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v) && !isQuantity(v)) {
      out.push({ path, depth, label: k });
      rows(v as Json, path, depth + 1, out);
    } else out.push({ path, depth, label: k, value: v });
  }
  return out;
}

/** The metadata of one record. */
export function MetadataTable({ meta }: { meta: Json | null | undefined }) {
  const navigate = useNavigate();
  if (!meta || !Object.keys(meta).length) return <Text c="dimmed">No scientific metadata.</Text>;
  const search = (path: string, v: unknown) => {
    const text = isQuantity(v) ? `${path} = ${v.value}${v.unit ? ` ${v.unit}` : ''}` : typeof v === 'string' ? `${path} = "${v}"` : `${path} = ${String(v)}`;
    navigate(`/?${new URLSearchParams({ m: text }).toString()}`);
  };
  return (
    <Table withTableBorder aria-label="Scientific metadata">
      <Table.Thead><Table.Tr><Table.Th>Key</Table.Th><Table.Th>Value</Table.Th><Table.Th>Unit</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {rows(meta, '', 0, []).map((r) => (
          <Table.Tr key={r.path}>
            <Table.Td style={{ paddingLeft: 8 + r.depth * 16 }}>{r.label}</Table.Td>
            <Table.Td>
              {'value' in r && r.value !== undefined && (Array.isArray(r.value) || (typeof r.value === 'object' && !isQuantity(r.value)) ? (
                <code>{JSON.stringify(r.value)}</code>
              ) : 'value' in r && r.value !== undefined && r.value !== '' ? (
                <UnstyledButton onClick={() => search(r.path, r.value)} title={`Search for datasets with ${r.path} = this value`} style={{ textDecoration: 'underline dotted' }}>
                  {String(isQuantity(r.value) ? r.value.value : r.value)}
                </UnstyledButton>
              ) : null)}
            </Table.Td>
            <Table.Td>{isQuantity(r.value) ? r.value.unit ?? '' : ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
