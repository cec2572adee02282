// The portal's frame: a header with the search link, exports and sign-in, and one route per page.
import { useEffect, useState } from 'react';
import { Routes, Route, Link, useLocation, useNavigate } from 'react-router';
import { Alert, AppShell, Button, Group, Text, Title } from '@mantine/core';
import { useAuth } from './auth/auth';
import { SearchPage } from './search/SearchPage';
import { DatasetPage } from './dataset/DatasetPage';
import { ProposalPage } from './records/ProposalPage';
import { SamplePage } from './records/SamplePage';
import { PublicationPage } from './records/PublicationPage';
import { ExportPage } from './export/ExportPage';

function Callback() {
  const auth = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    auth.completeSignIn().then((to) => navigate(to, { replace: true }), (e) => setError(/no state/i.test((e as Error).message) ? 'This address is where the identity provider sends you back after signing in; it does nothing on its own.' : `The identity provider said: ${(e as Error).message}.`));
  }, []); // once, on arrival from the provider
  return error ? (
    <Alert color="red" title="Sign-in did not complete">{error} <Link to="/">Back to the search</Link>, and sign in again from there.</Alert>
  ) : (
    <Text>Signing in…</Text>
  );
}

function SignIn() {
  const auth = useAuth();
  if (!auth.config?.issuer) return <Text size="sm" c="dimmed">Published records only</Text>;
  if (auth.user) {
    return (
      <Group gap="xs">
        <Text size="sm" data-testid="signed-in-as">Signed in as {auth.user.profile.preferred_username ?? auth.user.profile.sub}</Text>
        <Button variant="subtle" size="xs" onClick={() => auth.signOut()}>Sign out</Button>
      </Group>
    );
  }
  return <Button size="xs" onClick={() => auth.signIn()}>Sign in</Button>;
}

/** The pages and their frame. */
export function App() {
  const auth = useAuth();
  const where = useLocation().pathname.split('/')[1];
  useEffect(() => {
    document.title = `${({ '': 'Search', datasets: 'Dataset', proposals: 'Proposal', samples: 'Sample', publications: 'Publication', exports: 'Exports' } as Record<string, string>)[where] ?? 'Catalog'} · Catalog`;
  }, [where]);
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Title order={3}><Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>Catalog</Link></Title>
            <Link to="/">Search</Link>
            <Link to="/exports">Exports</Link>
            <a href="/graphiql">GraphiQL</a>
          </Group>
          <SignIn />
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        {auth.error && <Alert color="orange" mb="sm">{auth.error}</Alert>}
        <Routes>
          <Route path="/" element={<SearchPage />} />
          <Route path="/datasets/*" element={<DatasetPage />} />
          <Route path="/proposals/:id" element={<ProposalPage />} />
          <Route path="/samples/:id" element={<SamplePage />} />
          <Route path="/publications/*" element={<PublicationPage />} />
          <Route path="/exports" element={<ExportPage />} />
          <Route path="/auth/callback" element={<Callback />} />
          <Route path="*" element={<Alert color="yellow" title="No such page">This address is not a page of the portal. <Link to="/">Search the catalog</Link>.</Alert>} />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}
