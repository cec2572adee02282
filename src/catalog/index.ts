// The catalog domain's public surface for the domains above it: the entity services and their wiring.
export * from './catalog';
