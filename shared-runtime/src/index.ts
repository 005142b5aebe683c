// Public entry of the gateway runtime package (filled in by the runtime issue).
export * from './config/index';
export * from './routing/index';
