// Where each wrangler binding kind keeps its `env` name (wrangler 4.86 config-schema.json), so SAG303 can tell
// "this name is a KV namespace, not a service binding". Service bindings and vars are read separately.

export interface BindingKind {
  /** Key in the wrangler config (also the `kind` reported in OtherBindingDecl). */
  key: string;
  /** `array`: a list of objects; `object`: one object; `nested`: `key.<container>` is a list; `names`: the object's keys are the names. */
  shape: 'array' | 'object' | 'nested' | 'names';
  /** Field holding the binding name. */
  nameField?: string;
  /** For `nested`: the list inside the object (durable_objects.bindings, queues.producers, secrets.required). */
  container?: string;
}

export const BINDING_KINDS: readonly BindingKind[] = [
  { key: 'kv_namespaces', shape: 'array', nameField: 'binding' },
  { key: 'd1_databases', shape: 'array', nameField: 'binding' },
  { key: 'r2_buckets', shape: 'array', nameField: 'binding' },
  { key: 'durable_objects', shape: 'nested', container: 'bindings', nameField: 'name' },
  { key: 'queues', shape: 'nested', container: 'producers', nameField: 'binding' },
  { key: 'hyperdrive', shape: 'array', nameField: 'binding' },
  { key: 'analytics_engine_datasets', shape: 'array', nameField: 'binding' },
  { key: 'ai', shape: 'object', nameField: 'binding' },
  { key: 'browser', shape: 'object', nameField: 'binding' },
  { key: 'images', shape: 'object', nameField: 'binding' },
  { key: 'media', shape: 'object', nameField: 'binding' },
  { key: 'stream', shape: 'object', nameField: 'binding' },
  { key: 'version_metadata', shape: 'object', nameField: 'binding' },
  { key: 'assets', shape: 'object', nameField: 'binding' },
  { key: 'vectorize', shape: 'array', nameField: 'binding' },
  { key: 'ai_search', shape: 'array', nameField: 'binding' },
  { key: 'ai_search_namespaces', shape: 'array', nameField: 'binding' },
  { key: 'dispatch_namespaces', shape: 'array', nameField: 'binding' },
  { key: 'mtls_certificates', shape: 'array', nameField: 'binding' },
  { key: 'send_email', shape: 'array', nameField: 'name' },
  { key: 'workflows', shape: 'array', nameField: 'binding' },
  { key: 'pipelines', shape: 'array', nameField: 'binding' },
  { key: 'ratelimits', shape: 'array', nameField: 'name' },
  { key: 'secrets_store_secrets', shape: 'array', nameField: 'binding' },
  { key: 'worker_loaders', shape: 'array', nameField: 'binding' },
  { key: 'vpc_services', shape: 'array', nameField: 'binding' },
  { key: 'artifacts', shape: 'array', nameField: 'binding' },
  { key: 'flagship', shape: 'array', nameField: 'binding' },
  { key: 'unsafe_hello_world', shape: 'array', nameField: 'binding' },
  // `secrets.required` declares secret names the Worker expects (they become env properties).
  { key: 'secrets', shape: 'nested', container: 'required' },
  // Top-level-only module bindings: the table's keys are the names.
  { key: 'wasm_modules', shape: 'names' },
  { key: 'text_blobs', shape: 'names' },
  { key: 'data_blobs', shape: 'names' },
];
