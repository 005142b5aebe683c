// The minimal route shape both matchers take, so callers can pass config path items or their own records.

export interface RouteLike {
  readonly method: string;
  readonly path: string;
}

/** Which gateway's precedence to apply (SPEC E.0). */
export type RoutingRuntime = 'upstream' | 'bundled';
