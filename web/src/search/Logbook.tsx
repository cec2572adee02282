// Results as a logbook: newest first, grouped by day with each day's count, the next page loaded by
// cursor as the reader scrolls to the end.
import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PortalLogbookDocument, type HitFieldsFragment, type SearchInput } from '../generated/graphql';
import { ErrorList, bytes, enc } from '../api/ErrorList';
import type { CombinedError } from 'urql';

interface Day { day: string; count: number; entries: HitFieldsFragment[] }

/** One hit: title, time, where it comes from, highlighted matches (HTML the API escaped, with <mark> only). */
export function Entry({ h }: { h: HitFieldsFragment }) {
  const d = h.dataset;
  return (
    <Card withBorder padding="xs" data-testid="result">
      <Group justify="space-between">
        <Link to={`/datasets/${enc(h.id)}`}>{h.title}</Link>
        <Text size="xs" c="dimmed">{h.time ? new Date(h.time).toLocaleTimeString() : ''}</Text>
      </Group>
      {d && (
        <Group gap={6}>
          <Badge size="xs" variant="light">{d.type}</Badge>
          {d.instrument && <Text size="xs">{d.instrument.name}</Text>}
          {(d.proposalIds ?? []).map((p) => <Link key={p} to={`/proposals/${enc(p)}`}><Text size="xs">{p}</Text></Link>)}
          <Text size="xs" c="dimmed">{d.owner} · {bytes(d.size)}</Text>
        </Group>
      )}
      {/* the first few matches, each once (the title already shows its own) */}
      {[...new Set(h.highlights.filter((x) => x.field !== 'title').flatMap((x) => x.fragments))].filter((f) => f.replace(/<\/?mark>/g, '') !== h.title).slice(0, 3).map((f, i) => <Text key={i} size="xs" dangerouslySetInnerHTML={{ __html: f }} />)}
    </Card>
  );
}

/** The logbook of a search, fetched again when the search changes. */
export function Logbook({ input, inputKey }: { input: SearchInput; inputKey: string }) {
  const client = useClient();
  const [days, setDays] = useState<Day[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(true);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const [loading, setLoading] = useState(false);
  const end = useRef<HTMLDivElement>(null);
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const load = async (after: string | null, reset: boolean) => {
    setLoading(true);
    const r = await client.query(PortalLogbookDocument, { input, first: 15, after, timeZone: tz }, { requestPolicy: 'network-only' }).toPromise();
    setLoading(false);
    setError(r.error ?? null);
    const lb = r.data?.logbook;
    if (!lb) return setMore(false);
    setTotal(lb.totalCount);
    setCursor(lb.endCursor ?? null);
    setMore(lb.hasNextPage);
    setDays((prev) => {
      const out = reset ? [] : [...prev];
      for (const d of lb.days) {
        const last = out.at(-1);
        if (last && last.day === d.day) last.entries = [...last.entries, ...d.entries];
        else out.push({ day: d.day, count: d.count, entries: d.entries });
      }
      return out;
    });
  };
  useEffect(() => {
    setDays([]);
    setMore(true);
    void load(null, true);
  }, [inputKey]); // again when the search changes, not on every render
  useEffect(() => {
    const el = end.current;
    if (!el) return;
    const o = new IntersectionObserver((es) => es[0].isIntersecting && more && !loading && cursor && void load(cursor, false));
    o.observe(el);
    return () => o.disconnect();
  });

  return (
    <Stack gap="sm" aria-label="Logbook">
      <ErrorList error={error} title="The search could not be run" />
      {total !== null && <Text size="sm" data-testid="total">{total} dataset{total === 1 ? '' : 's'}</Text>}
      {days.map((d) => (
        <Stack key={d.day} gap={4}>
          <Title order={5} data-testid="day">{new Date(`${d.day}T12:00:00`).toLocaleDateString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' })} · {d.count}</Title>
          {d.entries.map((h) => <Entry key={h.id} h={h} />)}
        </Stack>
      ))}
      <div ref={end} style={{ height: 1 }} />
      {loading && <Loader size="sm" aria-label="Loading" />}
      {!more && total !== null && total > 0 && <Text size="xs" c="dimmed">End of the results.</Text>}
      {total === 0 && <Text>No dataset matches. Remove a filter or change the words.</Text>}
    </Stack>
  );
}
