// Minimal types for picomatch 4 (its @types package is not installed): only what the engine calls.
declare module 'picomatch' {
  interface PicomatchOptions {
    dot?: boolean;
    nocase?: boolean;
  }
  type Matcher = (path: string) => boolean;
  function picomatch(glob: string | string[], options?: PicomatchOptions): Matcher;
  export = picomatch;
}
