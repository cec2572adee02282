// GraphiQL served from our own node_modules: this product runs where there is no internet, so no CDN.
import path from 'node:path';
import express, { type Router } from 'express';

const ASSETS: Record<string, string> = {
  'react.js': 'react/umd/react.production.min.js',
  'react-dom.js': 'react-dom/umd/react-dom.production.min.js',
  'graphiql.js': 'graphiql/graphiql.min.js',
  'graphiql.css': 'graphiql/graphiql.min.css',
};

export const GRAPHIQL_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Catalog · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css" />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    const defaultQuery = [
      '# Signed-in view: add {"Authorization": "Bearer <token>"} under Headers below.',
      '# Tokens: catalog token --help (npm run demo prints some).',
      'query Latest {',
      '  viewer { subject role groups }',
      '  datasets(first: 5) {',
      '    totalCount',
      '    nodes {',
      '      pid datasetName creationTime size numberOfFiles',
      '      instrument { uniqueName }',
      '      proposals { proposalId title }',
      '      samples { sampleId }',
      '    }',
      '  }',
      '}',
      '',
    ].join('\\n');
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true, shouldPersistHeaders: true }),
    );
  </script>
</body>
</html>`;

/** The GraphiQL page at /graphiql, with its scripts and stylesheet served from the installed packages (cached for a day) rather than a CDN. */
export function graphiqlRouter(): Router {
  const r = express.Router();
  const modules = path.dirname(path.dirname(require.resolve('react/package.json')));
  for (const [name, rel] of Object.entries(ASSETS)) {
    const file = path.join(modules, rel);
    r.get(`/graphiql/assets/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1d' }));
  }
  r.get('/graphiql', (_req, res) => res.type('html').send(GRAPHIQL_HTML));
  return r;
}
