// A dataset's files, a page at a time (cursor), with sizes and checksums.
import { useState } from 'react';
import { useQuery } from 'urql';
import { Button, Group, Loader, Table, Text } from '@mantine/core';
import { PortalFilesDocument } from '../generated/graphql';
import { ErrorList, bytes } from '../api/ErrorList';

const PAGE = 20;

/** The files table; `total` is the dataset's file count. */
export function Files({ pid }: { pid: string }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const [r] = useQuery({ query: PortalFilesDocument, variables: { pid, first: PAGE, after }, requestPolicy: 'cache-first' });
  // while the next page loads, the last one is not shown under the new page number
  const f = r.fetching ? undefined : r.data?.dataset?.files;
  const page = cursors.length;
  return (
    <div aria-label="Files">
      <ErrorList error={r.error} title="The files could not be read" />
      {r.fetching && <Loader size="sm" aria-label="Loading files" />}
      {f && (
        <>
          <Text size="sm" data-testid="files-total">{f.totalCount} files · page {page} of {Math.max(1, Math.ceil(f.totalCount / PAGE))}</Text>
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>Path</Table.Th><Table.Th>Size</Table.Th><Table.Th>Modified</Table.Th><Table.Th>Checksum</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {f.nodes.map((x) => (
                <Table.Tr key={x.path} data-testid="file">
                  <Table.Td><code>{x.path}</code></Table.Td>
                  <Table.Td>{bytes(x.size)}</Table.Td>
                  <Table.Td>{x.time ? new Date(x.time).toLocaleString() : ''}</Table.Td>
                  <Table.Td><code style={{ fontSize: 11 }}>{x.chk ?? '—'}</code></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group gap="xs" mt="xs">
            <Button size="xs" variant="default" disabled={page === 1} onClick={() => setCursors(cursors.slice(0, -1))}>Previous files</Button>
            <Button size="xs" variant="default" disabled={!f.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, f.pageInfo.endCursor ?? null])}>Next files</Button>
          </Group>
        </>
      )}
    </div>
  );
}
