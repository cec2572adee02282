export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive "contains" match for a user's words (no regex syntax from clients). */
export function containsFilter(s: string): { $regex: string; $options: string } {
  return { $regex: escapeRegex(s), $options: 'i' };
}
