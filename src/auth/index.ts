export * from './identity';
export * from './access';
export * from './tokens';
export * from './apikey.service';
export * from './authenticator';
export * from './accounts.service';
