/**
 * The one classification of threat categories that landscape reports count by, with where each
 * category sits in the two schemes readers of such assessments know: the europol-incident taxonomy
 * (MISP taxonomies, the eCSIRT/RSIT lineage) and ENISA's prime threats (ENISA Threat Landscape).
 * Every rule that puts an object in a category is in this file; docs/ARCHITECTURE.md points here.
 */
export interface ThreatCategory {
  id: CategoryId;
  title: string;
  /** The europol-incident predicate (and value) the category corresponds to. */
  europol: string;
  /** The ENISA Threat Landscape prime threat it is counted under. */
  enisa: string;
}

export const CATEGORY_IDS = [
  'ransomware',
  'malware',
  'botnet',
  'phishing',
  'social-engineering',
  'fraud',
  'ddos',
  'intrusion',
  'data-breach',
  'information-gathering',
  'information-manipulation',
  'supply-chain',
  'vulnerability',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export const CATEGORIES: readonly ThreatCategory[] = [
  { id: 'ransomware', title: 'Ransomware', europol: 'malware="ransomware"', enisa: 'Ransomware' },
  { id: 'malware', title: 'Malware', europol: 'malware', enisa: 'Malware' },
  { id: 'botnet', title: 'Botnets', europol: 'malware="botnet-drone"', enisa: 'Malware' },
  { id: 'phishing', title: 'Phishing', europol: 'fraud="phishing"', enisa: 'Social engineering' },
  {
    id: 'social-engineering',
    title: 'Spam and other social engineering',
    europol: 'abusive-content="spam"',
    enisa: 'Social engineering',
  },
  { id: 'fraud', title: 'Online fraud', europol: 'fraud', enisa: 'Social engineering' },
  {
    id: 'ddos',
    title: 'Denial of service',
    europol: 'availability="ddos"',
    enisa: 'Threats against availability: denial of service',
  },
  { id: 'intrusion', title: 'Intrusions', europol: 'intrusion', enisa: 'Threats against data' },
  {
    id: 'data-breach',
    title: 'Data breaches and leaks',
    europol: 'information-content-security',
    enisa: 'Threats against data',
  },
  {
    id: 'information-gathering',
    title: 'Scanning and information gathering',
    europol: 'information-gathering',
    enisa: 'Threats against availability: internet threats',
  },
  {
    id: 'information-manipulation',
    title: 'Information manipulation',
    europol: 'abusive-content',
    enisa: 'Information manipulation and interference',
  },
  { id: 'supply-chain', title: 'Supply-chain attacks', europol: 'intrusion', enisa: 'Supply chain attacks' },
  { id: 'vulnerability', title: 'Exploited vulnerabilities', europol: 'vulnerable', enisa: 'Malware' },
];

export const CATEGORY_BIT: Readonly<Record<CategoryId, number>> = Object.fromEntries(
  CATEGORY_IDS.map((id, i) => [id, 1 << i]),
) as Record<CategoryId, number>;

/**
 * Predicates of the incident taxonomies in MISP that share the eCSIRT lineage (europol-incident,
 * ecsirt, rsit, and their spellings of the same classes), then the value where it decides more.
 */
const TAXONOMY_PREDICATES: Record<string, CategoryId> = {
  malware: 'malware',
  'malicious-code': 'malware',
  availability: 'ddos',
  'information-gathering': 'information-gathering',
  'intrusion-attempt': 'intrusion',
  'intrusion-attempts': 'intrusion',
  intrusion: 'intrusion',
  intrusions: 'intrusion',
  'information-security': 'data-breach',
  'information-content-security': 'data-breach',
  fraud: 'fraud',
  'abusive-content': 'social-engineering',
  vulnerable: 'vulnerability',
};
const TAXONOMY_NAMESPACES = new Set(['europol-incident', 'europol-event', 'ecsirt', 'rsit']);

/** Words that decide a category wherever they appear: a taxonomy value, a plain label, a malware type. */
const WORDS: ReadonlyArray<readonly [RegExp, CategoryId]> = [
  [/ransom/, 'ransomware'],
  [/phish|smish|vish/, 'phishing'],
  [/botnet|bot-?drone|\bbot\b|c2-?server|command-and-control/, 'botnet'],
  [/\bd?dos\b|denial-of-service|ddos/, 'ddos'],
  [/spam|scam|social-engineering/, 'social-engineering'],
  [/fraud|money-mule|bec\b|business-email-compromise/, 'fraud'],
  [/leak|breach|exfiltrat|unauthori[sz]ed-information-access/, 'data-breach'],
  [/scan|sniff|information-gathering/, 'information-gathering'],
  [/disinformation|misinformation|information-manipulation/, 'information-manipulation'],
  [/supply-chain/, 'supply-chain'],
  [/exploit|vulnerab|cve-/, 'vulnerability'],
  [/compromise|intrusion|brute-?force|web-shell|webshell/, 'intrusion'],
  [
    /malware|trojan|stealer|spyware|keylogger|backdoor|remote-access|\brat\b|loader|dropper|worm|virus/,
    'malware',
  ],
];

/** MISP galaxy clusters whose membership alone names the category. */
const GALAXIES: Record<string, CategoryId> = {
  ransomware: 'ransomware',
  botnet: 'botnet',
  malpedia: 'malware',
  tool: 'malware',
  stealer: 'malware',
  rat: 'malware',
  backdoor: 'malware',
  banker: 'malware',
  exploit: 'vulnerability',
};

function byWords(text: string): number {
  let bits = 0;
  for (const [re, id] of WORDS) if (re.test(text)) bits |= CATEGORY_BIT[id];
  return bits;
}

/**
 * The categories one label puts an object in. Machine tags (`namespace:predicate="value"`) of the
 * incident taxonomies decide by predicate and value; galaxy tags by galaxy; anything else by words.
 */
export function labelCategories(label: string): number {
  const text = label.toLowerCase();
  const tag = /^([a-z0-9_.-]+):([a-z0-9_.-]+)(?:="?([^"]*)"?)?$/.exec(text);
  if (tag !== null) {
    const [, ns = '', predicate = '', value = ''] = tag;
    if (TAXONOMY_NAMESPACES.has(ns)) {
      const fromValue = byWords(value);
      // A value such as "phishing" under fraud or "ransomware" under malware is the finer class.
      if (fromValue !== 0) return fromValue;
      const id = TAXONOMY_PREDICATES[predicate];
      return id === undefined ? 0 : CATEGORY_BIT[id];
    }
    if (ns === 'misp-galaxy') {
      const id = GALAXIES[predicate];
      return id === undefined ? byWords(value) : CATEGORY_BIT[id];
    }
    // misp:type / misp:category say what an attribute is, not what threat it belongs to.
    if (ns === 'misp' || ns === 'tlp' || ns === 'pap') return 0;
    return byWords(`${predicate} ${value}`);
  }
  return byWords(text);
}

/** The fields of a STIX object the classification reads. */
export interface Classifiable {
  type: string;
  labels?: unknown;
  malware_types?: unknown;
  indicator_types?: unknown;
  infrastructure_types?: unknown;
  report_types?: unknown;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The categories of one object as a bit set over CATEGORY_IDS: its labels, its STIX open vocabularies
 * (malware, indicator, infrastructure and report types), and for malware, `malware` when nothing
 * finer applies. 0 is uncategorised. Indicators also inherit the categories of what they indicate,
 * which the report's collection step adds from relationships.
 */
export function objectCategories(object: Classifiable): number {
  let bits = 0;
  for (const label of strings(object.labels)) bits |= labelCategories(label);
  for (const t of strings(object.malware_types)) bits |= byWords(t);
  for (const t of strings(object.indicator_types)) if (t === 'compromised') bits |= CATEGORY_BIT.intrusion;
  for (const t of strings(object.infrastructure_types)) {
    if (t === 'botnet' || t === 'command-and-control') bits |= CATEGORY_BIT.botnet;
    else if (t === 'phishing') bits |= CATEGORY_BIT.phishing;
    else if (t === 'exfiltration') bits |= CATEGORY_BIT['data-breach'];
  }
  for (const t of strings(object.report_types)) bits |= byWords(t);
  if (object.type === 'malware' && bits === 0) bits = CATEGORY_BIT.malware;
  if (object.type === 'vulnerability') bits |= CATEGORY_BIT.vulnerability;
  return bits;
}

/** The category ids of a bit set, in table order. */
export function categoryIds(bits: number): CategoryId[] {
  return CATEGORY_IDS.filter((id) => (bits & CATEGORY_BIT[id]) !== 0);
}
