// How routing findings point at routes: anchors on `path`/`method` values and related locations at other routes.
import type { Range, RelatedLocation } from '../../findings';
import type { ConfigDocument } from '../../model';
import { pointerOf, rangeOfNode, type JsonNode } from '../../parse/config-document';
import type { RouteEntry } from './route-table';
import { routeLabel } from './route-table';

export interface Anchor {
  range: Range;
  pointer: string;
}

export function anchorOn(config: ConfigDocument, node: JsonNode): Anchor {
  return { range: rangeOfNode(config, node), pointer: pointerOf(node) };
}

/** 1-based line of a route's `path` value (or of the item), for messages. */
export function lineOf(config: ConfigDocument, route: RouteEntry): number {
  const node = route.pathNode ?? route.item;
  return config.lines.positionAt(node.offset).line + 1;
}

export function relatedRoute(config: ConfigDocument, route: RouteEntry, message: string): RelatedLocation {
  const node = route.pathNode ?? route.item;
  return { file: config.file, range: rangeOfNode(config, node), message };
}

/** `GET /users/{id}` (line 12) */
export function routeAt(config: ConfigDocument, route: RouteEntry): string {
  return `\`${routeLabel(route)}\` (line ${lineOf(config, route)})`;
}

/**
 * Range of the characters `start..start+length` of a JSON string value, when its raw text has no escapes
 * (so string offsets equal text offsets); otherwise the whole value.
 */
export function rangeInString(config: ConfigDocument, node: JsonNode, start: number, length: number): Range {
  const raw = config.text.slice(node.offset + 1, node.offset + node.length - 1);
  if (typeof node.value !== 'string' || raw !== node.value) return rangeOfNode(config, node);
  return config.lines.rangeOf(node.offset + 1 + start, length);
}
