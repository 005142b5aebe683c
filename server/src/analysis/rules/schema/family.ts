// Rule family 1xx (schema and shape, SPEC D): direct checks over one walk of the config view, then the
// targeted runtime's JSON Schema (ajv) for anything they do not cover, each ajv error mapped to a SAG1xx code.
import type { RuleFamily } from '../rule';
import { configEmitter, routeEmitter } from './anchor';
import { checkAuthorizer } from './authorizer-checks';
import { ROUTE_CODES } from './codes-routes';
import { STRUCTURE_CODES } from './codes-structure';
import { configView } from './config-view';
import { checkCors } from './cors-checks';
import { checkPlaceholders, checkRoutePlaceholders } from './placeholder-checks';
import { checkRoot, checkSectionEntries, checkSyntax } from './root-checks';
import { checkRoute } from './route-checks';
import { applySchemaErrors, restSchemaErrors, routeSchemaErrors } from './schema-validation';
import { checkServerUrls } from './server-url-checks';

export const schemaRules: RuleFamily = {
  id: 'schema',
  codes: [...STRUCTURE_CODES, ...ROUTE_CODES].sort((a, b) => a.code.localeCompare(b.code)),
  // One path item: its direct checks, then its JSON-Schema errors (confirming or adding to them).
  checkRoute(ctx, route) {
    const view = configView(ctx.project.config);
    // No route checks when checkSyntax stops the family (unreadable file, no tree, root not an object).
    if (view.doc.unreadable || !view.root) return;
    const out = routeEmitter(ctx, view.doc);
    checkRoute({ ctx, view, emit: out.emit }, route);
    checkRoutePlaceholders(view, route, out.emit);
    applySchemaErrors(ctx, view, out, routeSchemaErrors(ctx.runtime, view, route));
    out.flush();
  },
  check(ctx) {
    const view = configView(ctx.project.config);
    if (!checkSyntax(ctx, view)) return;
    const out = configEmitter(ctx, view.doc);
    const emit = out.emit;
    checkRoot(view, emit);
    if (!view.root) return out.flush();
    checkSectionEntries(view, emit);
    checkServerUrls(view, emit);
    checkCors(view, emit);
    checkAuthorizer(ctx, view, emit);
    checkPlaceholders(view, emit);
    applySchemaErrors(ctx, view, out, restSchemaErrors(ctx.runtime, view));
    out.flush();
  },
};
