// Where each diagnostic code is documented: one URL per code, shared by the SARIF reporter and the LSP
// (`codeDescription.href`), so every front-end links to the same generated entry in docs/diagnostics.md.

/** The project's public repository; change it here once when the repository moves. */
export const REPOSITORY_URL = 'https://github.com/sag-tools/serverless-api-gateway-tools';

/** The generated diagnostics page on the default branch. */
export const DIAGNOSTICS_DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/diagnostics.md`;

/** Stable HTML anchor of a code's entry (`SAG301` -> `sag301`); scripts/gen-docs.ts writes the same anchor. */
export function docsAnchor(code: string): string {
  return code.toLowerCase();
}

export function docsUrl(code: string): string {
  return `${DIAGNOSTICS_DOCS_URL}#${docsAnchor(code)}`;
}
