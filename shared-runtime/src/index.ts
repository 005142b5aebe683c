// Public entry of the gateway runtime package: createGateway and its types, plus the config model and route precedence.
export * from './config/index';
export * from './routing/index';
export { createGateway } from './gateway/create-gateway';
export type { Gateway, GatewayContext, GatewayEnv, GatewayOptions, ExecutionContextLike, ServiceHandler, ServiceModule } from './gateway/types';
export { compileRouter, type CompiledRouter, type RouteInput, type RouteMatch } from './router/route-trie';
export { compileConfig, type CompileResult, type CompileInput } from './compile/compile-config';
export type { CompiledGateway, CompiledRoute } from './compile/compiled-gateway';
export type { ConfigError } from './compile/config-error';
export { KV_CONFIG_KEY, DEFAULT_CONFIG_TTL_SECONDS } from './gateway/config-source';
export { MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES } from './http/limits';
