import type { Advisory } from './advisories.js';
import { textIn } from './advisories.js';

/** What the CSAF documents name as their publisher (the instance). */
export interface CsafPublisher {
  name: string;
  /** The publisher's namespace: the instance's base URL. */
  namespace: string;
}

/** The advisory's CSAF tracking id. */
export const csafTrackingId = (a: Advisory) => `ACCORD-${a.slug.toUpperCase()}`;

/** The file name CSAF's distribution rules derive from a tracking id (lower case, [+-a-z0-9] kept). */
export function csafFileName(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
}

/** Where the document lives under the provider's directory: `white/<year>/<file>` (CSAF 2.0, 7.1.11). */
export function csafPath(a: Advisory): string {
  return `white/${(a.published ?? a.created).slice(0, 4)}/${csafFileName(csafTrackingId(a))}`;
}

/**
 * A published advisory as a CSAF 2.0 document of the informational-advisory profile
 * (`csaf_informational_advisory`): notes and references, no product tree, no vulnerabilities. TLP:CLEAR
 * is written as CSAF 2.0's TLP v1 label WHITE.
 */
export function toCsaf(a: Advisory, lang: string, publisher: CsafPublisher, portalUrl: string) {
  const t = textIn(a, lang);
  const released = a.published ?? a.created;
  return {
    document: {
      category: 'csaf_informational_advisory',
      csaf_version: '2.0',
      distribution: {
        text: 'TLP:CLEAR — may be shared without restriction.',
        tlp: { label: 'WHITE', url: 'https://www.first.org/tlp/' },
      },
      lang: t.lang,
      notes: [
        { category: 'summary', title: 'Summary', text: t.summary },
        { category: 'description', title: 'Advisory', text: t.body },
      ],
      publisher: { category: 'coordinator', name: publisher.name, namespace: publisher.namespace },
      references: [{ category: 'self', summary: 'This advisory on the public portal', url: portalUrl }],
      title: t.title,
      tracking: {
        current_release_date: released,
        id: csafTrackingId(a),
        initial_release_date: released,
        revision_history: [{ date: released, number: '1', summary: 'Initial release.' }],
        status: 'final',
        version: '1',
      },
    },
  };
}

/** The provider metadata CSAF's distribution rules ask for at /.well-known/csaf/provider-metadata.json. */
export function providerMetadata(baseUrl: string, publisher: CsafPublisher, lastUpdated: string) {
  return {
    canonical_url: `${baseUrl}/.well-known/csaf/provider-metadata.json`,
    distributions: [{ directory_url: `${baseUrl}/.well-known/csaf/white/` }],
    last_updated: lastUpdated,
    list_on_CSAF_aggregators: true,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: true,
    publisher: { category: 'coordinator', name: publisher.name, namespace: publisher.namespace },
    role: 'csaf_publisher',
  };
}
