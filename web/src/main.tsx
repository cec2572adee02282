// The scientists' portal: search the catalog logbook-style, open datasets, proposals, samples and
// publications, export datasets for machine learning. It talks only to the public GraphQL API.
import { StrictMode, useMemo, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { MantineProvider } from '@mantine/core';
import { Provider as UrqlProvider } from 'urql';
import '@mantine/core/styles.css';
import { AuthProvider, useAuth } from './auth/auth';
import { catalogClient } from './api/client';
import { App } from './App';

function WithApi() {
  const auth = useAuth();
  // each request reads the latest sign-in (a renewed token is used at once)
  const latest = useRef(auth);
  latest.current = auth;
  // a new client when the user changes: cached results of one user are never shown to another
  const { client } = useMemo(() => catalogClient(() => latest.current.token()), [auth.user?.profile.sub, auth.ready]);
  if (!auth.ready) return null;
  return (
    <UrqlProvider value={client}>
      <App />
    </UrqlProvider>
  );
}

// an address with a stray "%" (typed or cut short) would stop the router: its "%" is taken literally
try {
  decodeURI(location.pathname);
} catch {
  history.replaceState(null, '', location.pathname.replace(/%(?![0-9A-Fa-f]{2})/g, '%25') + location.search + location.hash);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider defaultColorScheme="light">
      <BrowserRouter>
        <AuthProvider>
          <WithApi />
        </AuthProvider>
      </BrowserRouter>
    </MantineProvider>
  </StrictMode>,
);
