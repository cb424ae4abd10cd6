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

/** A refused portal call: the status and catalogue code let the page say what happened in the visitor's language. */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PortalError';
  }
}

async function portalJson<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    credentials: 'omit',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  let json: T & { code?: string; message?: string };
  try {
    json = (await response.json()) as T & { code?: string; message?: string };
  } catch {
    throw new PortalError(response.status, 'error', `HTTP ${String(response.status)}`);
  }
  if (!response.ok)
    throw new PortalError(
      response.status,
      json.code ?? 'error',
      json.message ?? `HTTP ${String(response.status)}`,
    );
  return json;
}

export type ReportKind = 'email' | 'sms' | 'url';
export interface ReportAccepted {
  id: string;
  values: number;
  message: string;
}

/** Sends one report; nothing leaves the browser before the visitor presses the button. */
export function submitReport(kind: ReportKind, body: Record<string, unknown>): Promise<ReportAccepted> {
  return portalJson<ReportAccepted>(`/api/v1/public/reports/${kind}`, body);
}

export interface IntakeFigures {
  since: string;
  reports: number;
  urls: number;
  promoted: number;
  benign: number;
  /** Distinct reported URLs promoted to indicators and revoked since (taken down), last seven days. */
  takenDown: number;
}

export function intakeFigures(): Promise<IntakeFigures> {
  return portalJson<IntakeFigures>('/api/v1/public/reports/figures');
}
