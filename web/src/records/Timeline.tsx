// Datasets as a timeline: newest first, grouped by day.
import { Stack, Text, Timeline as MTimeline } from '@mantine/core';
import { Link } from 'react-router';
import { bytes, enc } from '../api/ErrorList';

interface Row { pid: string; datasetName?: string | null; type: string; creationTime: string; size?: number | null }

/** The timeline of a proposal's or sample's datasets. */
export function DatasetTimeline({ rows, total }: { rows: Row[]; total: number }) {
  if (!rows.length) return <Text c="dimmed">No datasets that you may see.</Text>;
  const days = new Map<string, Row[]>();
  for (const r of rows) {
    const day = new Date(r.creationTime).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
    days.set(day, [...(days.get(day) ?? []), r]);
  }
  return (
    <Stack gap="xs" aria-label="Datasets timeline">
      <Text size="sm">{total} datasets{total > rows.length ? ` (the newest ${rows.length} shown)` : ''}</Text>
      <MTimeline bulletSize={14} lineWidth={2}>
        {[...days].map(([day, list]) => (
          <MTimeline.Item key={day} title={`${day} · ${list.length}`}>
            {list.map((r) => (
              <Text key={r.pid} size="sm">
                <Link to={`/datasets/${enc(r.pid)}`}>{r.datasetName ?? r.pid}</Link> <Text span size="xs" c="dimmed">{r.type} · {new Date(r.creationTime).toLocaleTimeString()} · {bytes(r.size)}</Text>
              </Text>
            ))}
          </MTimeline.Item>
        ))}
      </MTimeline>
    </Stack>
  );
}

/** A record's fields as a two-column table body. */
export function FieldRows({ rec, fields }: { rec: Record<string, unknown>; fields: [string, string][] }) {
  return (
    <>
      {fields.filter(([k]) => rec[k] !== null && rec[k] !== undefined && rec[k] !== '').map(([k, label]) => (
        <tr key={k}><th style={{ textAlign: 'left', width: 200, padding: 4 }}>{label}</th><td style={{ padding: 4 }}>{typeof rec[k] === 'object' ? JSON.stringify(rec[k]) : /^\d{4}-\d\d-\d\dT/.test(String(rec[k])) ? new Date(String(rec[k])).toLocaleString() : String(rec[k])}</td></tr>
      ))}
    </>
  );
}
