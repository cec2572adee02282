// Citation text in DataCite's recommended form: Creator (PublicationYear). Title. Publisher. Identifier.
import type { StoredRecord } from '../catalog/common/record.types';

/**
 * A record's citation in DataCite's recommended form, "Creator (PublicationYear). Title. Publisher. Identifier.":
 * at most three creators (family name and initials) before "et al.", and the DOI as a https://doi.org/ URL, else the record's id.
 */
export function citationText(p: Pick<StoredRecord, string>): string {
  const names = ((p.creator ?? []) as { name: string; familyName?: string; givenName?: string }[]).map((c) =>
    c.familyName ? `${c.familyName}${c.givenName ? `, ${c.givenName.split(/\s+/).map((g) => `${g[0]}.`).join(' ')}` : ''}` : c.name,
  );
  const who = names.length > 3 ? `${names.slice(0, 3).join('; ')}; et al.` : names.join('; ');
  const id = p.doi ? `https://doi.org/${p.doi}` : p._id ?? p.id;
  return [`${who || 'Unknown'} (${p.publicationYear ?? 'n.d.'}).`, `${p.title}.`, p.publisher ? `${p.publisher}.` : '', id].filter(Boolean).join(' ');
}
