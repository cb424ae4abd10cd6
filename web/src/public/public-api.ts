/** The portal's calls: anonymous (no cookie is sent), so the portal works the same for everyone. */
export interface Candidate {
  family: string;
  galaxy_uuid: string;
  confidence: number;
  reasons: string[];
  decryptor: { tool: string; provider: string; url: string; source: string; note?: string } | null;
}

export interface Identification {
  status: 'identified' | 'not_identified';
  candidates: Candidate[];
  advice: {
    general: Array<{ key: string; text: string }>;
    reporting_contact: { country: string; name: string; url: string } | null;
  };
  share_id?: string;
}

export interface IdentifyRequest {
  file_names: string[];
  note_names: string[];
  note_text?: string;
  contacts: string[];
  marker_hex?: string;
  country?: string;
  share: boolean;
}

export async function identifyRansomware(body: IdentifyRequest): Promise<Identification> {
  const response = await fetch('/api/v1/public/ransomware/identify', {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Identification & { message?: string };
  if (!response.ok) throw new Error(json.message ?? `HTTP ${String(response.status)}`);
  return json;
}

/** Hex of the first `n` bytes of a file, read in the browser. */
export async function firstBytesHex(file: Blob, n = 32): Promise<string> {
  const bytes = new Uint8Array(await file.slice(0, n).arrayBuffer());
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
