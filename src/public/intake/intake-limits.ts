/**
 * The documented limits of report intake (README "Report intake"). Anything past them is refused with a
 * 400/413 that names the limit, and nothing is stored.
 */
export const INTAKE_LIMITS = {
  /** A whole .eml (raw RFC 5322 message, attachments included). */
  emailBytes: 2 * 1024 * 1024,
  /** The header block of an e-mail. */
  headerBytes: 64 * 1024,
  /** MIME parts of one message, at every depth. */
  parts: 50,
  /** Multipart nesting (a multipart inside a multipart counts one). */
  nesting: 5,
  /** Attached messages (message/rfc822) inside attached messages. */
  rfc822Nesting: 2,
  /** Attachments of one message. */
  attachments: 20,
  /** One attachment, decoded. */
  attachmentBytes: 1024 * 1024,
  /** An SMS text. */
  smsChars: 2_000,
  /** A reported URL. */
  urlChars: 2_048,
  /** Free-text comment the reporter adds. */
  commentChars: 2_000,
  /** Extracted values kept per report (the rest is dropped and said so). */
  values: 500,
  /** Characters of the (redacted) body text kept in the stored STIX report. */
  storedTextChars: 10_000,
  /** Anonymous reports per client address per minute. */
  reportsPerMinute: 10,
} as const;
