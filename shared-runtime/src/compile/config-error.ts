// One reason a config is refused (E.1): a JSON pointer into the config and a message the user can act on.

export interface ConfigError {
  pointer: string;
  message: string;
}

/** RFC 6901 pointer from path parts. */
export function pointer(...parts: Array<string | number>): string {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
