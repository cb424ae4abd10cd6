import type { ConversionIssue } from '../../ingest/conversion.js';
import type { MispManifest, MispManifestEntry } from './misp-feed.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export interface ParsedManifest {
  manifest: MispManifest;
  /** Entries that could not be read, by path (`["<uuid>"].timestamp`); the others are kept. */
  errors: ConversionIssue[];
}

/**
 * Reads a remote feed's `manifest.json` (already JSON-parsed or as text). Entries need a uuid key
 * and a timestamp (number or digit string, as MISP and PyMISP write them); the rest is optional.
 */
export function parseMispFeedManifest(json: unknown): ParsedManifest {
  const errors: ConversionIssue[] = [];
  let doc = json;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch (e) {
      return {
        manifest: {},
        errors: [
          {
            code: 'invalid_json',
            message: `manifest.json is not JSON: ${e instanceof Error ? e.message : String(e)}`,
          },
        ],
      };
    }
  }
  if (!isRecord(doc)) {
    return {
      manifest: {},
      errors: [
        {
          code: 'invalid_manifest',
          message: 'manifest.json must be a JSON object of event uuid → event summary.',
          path: '',
        },
      ],
    };
  }
  const manifest: MispManifest = {};
  for (const [uuid, raw] of Object.entries(doc)) {
    const path = `["${uuid.slice(0, 60)}"]`;
    if (!UUID.test(uuid)) {
      errors.push({ code: 'invalid_uuid', message: `${path}: manifest keys must be event uuids.`, path });
      continue;
    }
    if (!isRecord(raw)) {
      errors.push({
        code: 'invalid_type',
        message: `${path} must be an object (info, date, timestamp, ...).`,
        path,
      });
      continue;
    }
    const timestamp = num(raw.timestamp);
    if (timestamp === undefined) {
      errors.push({
        code: 'invalid_timestamp',
        message: `${path}.timestamp must be seconds since 1970; without it the event cannot be fetched incrementally.`,
        path: `${path}.timestamp`,
      });
      continue;
    }
    const orgc = isRecord(raw.Orgc) ? raw.Orgc : {};
    const entry: MispManifestEntry = {
      info: typeof raw.info === 'string' ? raw.info : '',
      date: typeof raw.date === 'string' ? raw.date : '',
      analysis: num(raw.analysis) ?? 0,
      threat_level_id: num(raw.threat_level_id) ?? 4,
      timestamp,
      Orgc: {
        name: typeof orgc.name === 'string' ? orgc.name : '',
        uuid: typeof orgc.uuid === 'string' ? orgc.uuid : '',
      },
      Tag: (Array.isArray(raw.Tag) ? raw.Tag : [])
        .filter(isRecord)
        .flatMap((t) => (typeof t.name === 'string' ? [{ name: t.name }] : [])),
    };
    manifest[uuid.toLowerCase()] = entry;
  }
  return { manifest, errors };
}

/**
 * Which events of a feed to fetch: those never seen, and those whose manifest timestamp is newer
 * than the one recorded at the last import. Oldest first, so recording progress after each one
 * keeps a restart correct.
 */
export function planFeedImport(manifest: MispManifest, lastSeen: Readonly<Record<string, number>>): string[] {
  return Object.entries(manifest)
    .filter(([uuid, e]) => {
      const seen = lastSeen[uuid] ?? lastSeen[uuid.toLowerCase()];
      return seen === undefined || e.timestamp > seen;
    })
    .sort(([ua, a], [ub, b]) => a.timestamp - b.timestamp || (ua < ub ? -1 : ua > ub ? 1 : 0))
    .map(([uuid]) => uuid);
}
