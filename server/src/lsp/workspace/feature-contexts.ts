// What the engine's editor features (completion, hover, navigation, rename, outline) answer with: the project of
// the gateway a file belongs to, as it is now (cached parses; no waiting for other gateways' checks), and the
// options of that gateway (its runtime, the host to read files with).
import { effectiveRuntime } from '../../analysis/analyze';
import type { FeatureContext } from '../../analysis/features/types';
import type { FileHost } from '../../analysis/host';
import type { Gateway, GatewayRegistry } from './gateways';

export type { FeatureContext };

export class FeatureContexts {
  constructor(
    private readonly registry: GatewayRegistry,
    private readonly host: FileHost,
  ) {}

  /** The context of the gateway that answers for `path`, if any. */
  async of(path: string): Promise<FeatureContext | undefined> {
    const gateway = this.registry.gatewayFor(path);
    return gateway ? this.ofGateway(gateway) : undefined;
  }

  private ofGateway(gateway: Gateway): FeatureContext {
    const project = this.registry.current(gateway);
    const runtime = effectiveRuntime(project, gateway.settings ? { settings: gateway.settings } : {});
    return { project, options: { runtime, host: this.host } };
  }

  /**
   * The gateways other than the one answering for `path` that read it too: a Worker's method or a wrangler config
   * several gateways use has references (and hover's "Used by" counts) in each of their configs.
   */
  otherReaders(path: string): FeatureContext[] {
    const gateway = this.registry.gatewayFor(path);
    return this.registry
      .readersOf(path)
      .filter((other) => other !== gateway)
      .map((other) => this.ofGateway(other));
  }

  /**
   * The other gateways that read the same wrangler config as the one answering for `path` (gateways whose lookup
   * walked up to one shared file, SPEC B.0): a binding renamed there must be renamed in each of their configs too.
   */
  siblings(path: string): FeatureContext[] {
    const gateway = this.registry.gatewayFor(path);
    const wranglerFile = gateway ? this.registry.current(gateway).wrangler?.file : undefined;
    if (!gateway || wranglerFile === undefined) return [];
    return this.registry
      .all()
      .filter((other) => other !== gateway)
      .map((other) => this.ofGateway(other))
      .filter((context) => context.project.wrangler?.file === wranglerFile);
  }
}
