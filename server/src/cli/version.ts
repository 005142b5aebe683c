// The CLI's version (SARIF `tool.driver.version`, `sag --version`); test/cli/version.test.ts keeps it equal to package.json.
export const SAG_VERSION = '0.1.0';
export const SAG_TOOL_NAME = 'sag';
