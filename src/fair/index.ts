// The FAIR domain's public surface: landing pages, JSON-LD, Signposting and OAI-PMH, served by one router.
export { fairRouter } from './fair.router';
