// Location lists as editors want them: each place once, in the order found.
import type { Location } from './types';

export function locationKey(location: Location): string {
  const { start, end } = location.range;
  return `${location.file}\u0000${start.line}:${start.character}-${end.line}:${end.character}`;
}

export function uniqueLocations(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const key = locationKey(l);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
