// Public surface of route precedence: the one implementation the language server and both runtimes' checks share (SPEC C.3, E.2).
export const ROUTING_VERSION = 1;
export * from './route';
export * from './segments';
export * from './upstream';
export * from './bundled';
export * from './synthetic';
export * from './select';
export * from './shadowing';
