import type { IntakeContent } from './intake-values.js';

/** A suspicious SMS as intake content: the sender id and the text (scanned for links). */
export function smsContent(input: {
  sender: string;
  text: string;
  contact?: string | undefined;
  comment?: string | undefined;
}): IntakeContent {
  const text = [input.text, input.comment ?? ''].filter((t) => t !== '').join('\n\n');
  return {
    kind: 'sms',
    subject: input.text.replace(/\s+/g, ' ').trim().slice(0, 80),
    sender: input.sender,
    text,
    known: [],
    reporter: [],
    contact: input.contact ?? null,
    partnerOrg: null,
  };
}

/** A reported URL as intake content. */
export function urlContent(input: {
  url: string;
  contact?: string | undefined;
  comment?: string | undefined;
}): IntakeContent {
  return {
    kind: 'url',
    subject: null,
    sender: null,
    text: [input.url, input.comment ?? ''].filter((t) => t !== '').join('\n\n'),
    known: [],
    reporter: [],
    contact: input.contact ?? null,
    partnerOrg: null,
  };
}
