// The SciCat REST domain's public surface: its router, its route table (the OpenAPI document is made from it) and error shape.
export { scicatRouter, restRoutes, LOGIN_TTL_SECONDS, type ScicatDeps } from './scicat.router';
export { scicatError } from './scicat.http';
