import { TLP2_MARKING_IDS, TLP_MARKINGS } from '../../stix/tlp.js';
import { uuidv5 } from '../../stix/uuid-v5.js';
import type { Advisory } from './advisories.js';
import { textIn } from './advisories.js';

/** Namespace of the deterministic ids of advisory reports. */
const NAMESPACE = '6f1c52a4-5f6e-4c59-9d0e-2a4a2d1c7e01';

/**
 * A published advisory as a public STIX 2.1 report: the English text as name and description, the
 * translations as STIX language content, TLP:CLEAR, the owner organisation as creator.
 */
export function toStixReport(a: Advisory, portalUrl: string) {
  const en = textIn(a, 'en');
  const published = a.published ?? a.created;
  const id = `report--${uuidv5(a.id, NAMESPACE)}`;
  const report = {
    type: 'report',
    spec_version: '2.1',
    id,
    created: a.created,
    modified: published,
    created_by_ref: a.owner_org,
    name: en.title,
    description: `${en.summary}\n\n${en.body}`,
    report_types: ['threat-report'],
    published,
    object_refs: [a.owner_org],
    labels: ['awareness-advisory'],
    lang: 'en',
    external_references: [{ source_name: 'accord-portal', url: portalUrl, external_id: a.slug }],
    object_marking_refs: [TLP2_MARKING_IDS.clear],
  };
  const translations = a.texts.filter((t) => t.lang !== 'en');
  const content =
    translations.length === 0
      ? []
      : [
          {
            type: 'language-content',
            spec_version: '2.1',
            id: `language-content--${uuidv5(`${a.id}/lang`, NAMESPACE)}`,
            created: a.created,
            modified: published,
            created_by_ref: a.owner_org,
            object_ref: id,
            object_modified: published,
            contents: Object.fromEntries(
              translations.map((t) => [t.lang, { name: t.title, description: `${t.summary}\n\n${t.body}` }]),
            ),
            object_marking_refs: [TLP2_MARKING_IDS.clear],
          },
        ];
  return {
    type: 'bundle',
    id: `bundle--${uuidv5(`${a.id}/bundle`, NAMESPACE)}`,
    objects: [TLP_MARKINGS.clear, report, ...content],
  };
}
