// The search index (schema/elasticsearch/records.v<N>.json) behind its alias: created and filled from
// MongoDB when there is none, rebuilt and swapped when the committed definition is newer than the live
// index. Without ELASTICSEARCH_URL this step waits: the API's sync worker (or `catalog search reindex`)
// builds the index the first time it reaches Elasticsearch.
// Down leaves the index alone: it holds nothing that is not in MongoDB.

module.exports = {
  async up(db) {
    const url = process.env.ELASTICSEARCH_URL;
    if (!url) {
      console.warn('search index: ELASTICSEARCH_URL is not set; the index will be built when Elasticsearch is reachable');
      return;
    }
    // compiled by scripts/install.sh; the migration uses the same code as `catalog search reindex`
    const { Search, SearchBackend } = require('../dist/src/search');
    const search = new Search(db, { url, prefix: process.env.CATALOG_SEARCH_INDEX || 'catalog' });
    try {
      try {
        await search.backend.es().cluster.health({ timeout: '5s' });
      } catch (e) {
        console.warn(`search index: Elasticsearch at ${url} is not reachable (${e.message}); the index will be built when it is`);
        return;
      }
      const live = await search.backend.liveIndices();
      const current = live.some((i) => SearchBackend.versionOf(i) >= search.backend.definition.version);
      if (!current) await search.indexer.reindex(search.state);
    } finally {
      await search.close();
    }
  },
  async down() {},
};
