// XML checks for the FAIR tests: schema validation with xmllint (Debian libxml2-utils) against the
// XML Schemas committed under schema/xml, and parsing into plain objects.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { ROOT } from './harness';

export const XSD = {
  datacite: path.join(ROOT, 'schema/xml/datacite-kernel-4.5/metadata.xsd'),
  oaiPmh: path.join(ROOT, 'schema/xml/OAI-PMH.xsd'),
};

const dir = mkdtempSync(path.join(tmpdir(), 'catalog-xml-'));
let n = 0;

/** Validates a document; returns xmllint's complaints ('' when valid). */
export function xmlProblems(xml: string, xsd: string): string {
  const file = path.join(dir, `doc-${n++}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (e: any) {
    return String(e.stderr ?? e.message);
  }
}

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: (name) => ['record', 'header', 'setSpec', 'set', 'metadataFormat', 'relatedIdentifier', 'creator', 'identifier', 'title', 'subject', 'error'].includes(name) });

export function parseXml(xml: string): any {
  return parser.parse(xml);
}

/** Every DataCite <resource> inside an OAI response, as standalone documents. */
export function resourcesIn(xml: string): string[] {
  return [...xml.matchAll(/<resource xmlns="http:\/\/datacite\.org\/schema\/kernel-4"[\s\S]*?<\/resource>/g)].map((m) => `<?xml version="1.0" encoding="UTF-8"?>\n${m[0]}`);
}
