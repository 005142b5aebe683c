// The default Worker for projects without local services: serves the `api-config.json` bundled beside it (E.1 sources
// still apply: SAG_API_CONFIG_JSON and KV override it).
import apiConfig from './api-config.json';
import { createGateway } from './gateway/create-gateway';

export default createGateway({ config: apiConfig });
