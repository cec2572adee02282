// The entities of SciCat's REST API as the catalog serves them: which service answers each, how its DTO
// maps, and the routes beyond create/read/update/delete/find that clients call (a dataset's blocks and
// attachments, Instruments/findOne comes with every entity). Datasets' queries: scicat.datasets.ts.
import type { Request } from 'express';
import type { CatalogServices } from '../catalog';
import { CatalogError, errors } from '../common/errors';
import { datasetIn, datasetOut, recordOut } from './scicat.dto';
import { attachmentIn, attachmentOut, instrumentIn, origDatablockIn, proposalIn, proposalOut, publishedDataIn, publishedDataOut, sampleIn } from './scicat.dto.records';
import { crudRoutes, idParam, mustGet, named, type EntityRoutes, type RecordApi, type RestRoute } from './scicat.records';
import { datasetWithIncluded, mergeLifecycle, withThumbnails } from './scicat.datasets';

type Json = Record<string, any>;

/** The entity configurations over the catalog's services, by SciCat v3 name. */
export function entities(c: CatalogServices): Record<string, EntityRoutes> {
  const svc = (s: unknown) => () => s as RecordApi;
  const datasets: EntityRoutes = {
    plural: 'Datasets', schema: 'dataset', key: 'pid', aliases: { proposalId: 'proposalIds', sampleId: 'sampleIds' },
    service: svc(c.datasets), in: (b, create) => datasetIn(b, { create }), out: datasetOut,
    beforePatch: mergeLifecycle(c),
    sort: { field: 'creationTime', direction: 'DESC' },
  };
  datasets.getOne = datasetWithIncluded(c, datasets);
  return {
    Datasets: datasets,
    OrigDatablocks: {
      plural: 'OrigDatablocks', schema: 'origdatablock', key: 'id',
      service: svc(c.origDatablocks), in: (b, create) => origDatablockIn(b, create), out: (r) => recordOut(r, 'id'),
      // lists come from the index without file lists: the blocks are read by key for them
      fill: async (who, recs) => {
        const read = new Map((await c.origDatablocks.findByIds(who, recs.map((r) => r._id))).map((b) => [b._id, b]));
        return recs.map((r) => read.get(r._id) ?? r);
      },
      sort: { field: 'createdAt', direction: 'DESC' },
    },
    Samples: {
      plural: 'Samples', schema: 'sample', key: 'sampleId',
      service: svc(c.samples), in: (b, create) => sampleIn(b, create), out: (r) => recordOut(r, 'sampleId'),
      sort: { field: 'createdAt', direction: 'DESC' },
    },
    Proposals: {
      plural: 'Proposals', schema: 'proposal', key: 'proposalId',
      service: svc(c.proposals), in: (b, create) => proposalIn(b, create), out: proposalOut,
      sort: { field: 'startTime', direction: 'DESC' },
    },
    Instruments: {
      plural: 'Instruments', schema: 'instrument', key: 'pid',
      service: svc(c.instruments), in: (b, create, who) => instrumentIn(b, create, who), out: (r) => recordOut(r, 'pid'),
      sort: { field: 'createdAt', direction: 'ASC' },
    },
    PublishedData: {
      plural: 'PublishedData', schema: 'publication', key: 'id', aliases: { pidArray: 'datasetPids' },
      service: svc(c.publications), in: (b, create) => publishedDataIn(b, create), out: publishedDataOut,
      sort: { field: 'createdAt', direction: 'DESC' },
    },
    Attachments: {
      plural: 'Attachments', schema: 'attachment', key: 'id',
      service: svc(c.attachments), in: (b, create) => attachmentIn(b, create), out: attachmentOut, fill: (who, recs) => withThumbnails(c, who, recs),
      sort: { field: 'createdAt', direction: 'ASC' },
    },
  };
}

/** A dataset's children (origdatablocks, attachments): listed by the dataset's pid in the path, created under it. */
function childRoutes(c: CatalogServices, e: Record<string, EntityRoutes>, child: 'origdatablocks' | 'attachments'): RestRoute[] {
  const ent = child === 'origdatablocks' ? e.OrigDatablocks : e.Attachments;
  const tag = 'Datasets';
  const mk = (body: unknown, req: Request): { input: Json; renames: Record<string, string> } =>
    child === 'origdatablocks' ? origDatablockIn(body, true, idParam(req)) : attachmentIn(body, true, { field: 'datasetId', id: idParam(req) });
  return [
    {
      method: 'get', path: `/Datasets/:id/${child}`, versions: ['v3', 'v4'], tag, anonymous: true, summary: `The dataset's ${child} (404 when the dataset is missing or not visible).`,
      handler: async (req, id) => {
        // a dataset's blocks are read by key (its counters name them), so one just written is there at once
        if (child === 'origdatablocks') return { body: (await c.origDatablocks.ofDataset(id, idParam(req))).map((r) => ent.out(r)) };
        await mustGet(e.Datasets, id, idParam(req));
        return { body: (await withThumbnails(c, id, await c.attachments.ofParent(id, 'dataset', idParam(req)))).map((r) => ent.out(r)) };
      },
    },
    {
      method: 'post', path: `/Datasets/:id/${child}`, versions: ['v3', 'v4'], tag, status: 201, body: ent.schema, summary: `Creates one of the dataset's ${child}; it takes the dataset's access.`,
      handler: async (req, id) => {
        const { input, renames } = mk(req.body, req);
        try {
          return { status: 201, body: ent.out(await named(renames, () => ent.service().create(id, input))) };
        } catch (err) {
          // the dataset of the path is missing or not visible: said as GET would say it (the service names the field)
          const problems = (err as CatalogError).details?.problems as { path: string }[] | undefined;
          if (err instanceof CatalogError && problems?.length === 1 && problems[0].path === '/datasetId') throw errors.notFound('Dataset', idParam(req));
          throw err;
        }
      },
    },
  ];
}

/** Every entity route: the CRUD set of each entity, then the dataset's children. */
export function entityRoutes(c: CatalogServices): RestRoute[] {
  const e = entities(c);
  return [...Object.values(e).flatMap((x) => crudRoutes(x)), ...childRoutes(c, e, 'origdatablocks'), ...childRoutes(c, e, 'attachments')];
}
