// Build-time entry of the config model (imports Ajv): never import this from code that runs in the Worker.
export { generateStandaloneValidator, STANDALONE_EXPORT } from './standalone-validator';
export { standaloneModuleBody } from './standalone-module';
export { stripAnnotations } from './strip-annotations';
