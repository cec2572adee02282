// The SciCat REST domain's public surface: its router and error shape.
export { scicatRouter, scicatError, LOGIN_TTL_SECONDS, type ScicatDeps } from './scicat.router';
