/**
 * A MIME message for SES's raw sending, built by hand (RFC 5322, 2045-2047, 2231): multipart/mixed holding a
 * multipart/alternative (text, then HTML) and each attachment. Every body part is base64 in lines of 76
 * characters, lines end in CRLF, a subject that is not ASCII is RFC 2047 encoded words, and a file name that is
 * not ASCII is RFC 2231 encoded. The boundaries contain "=_", which no base64 text holds. Pure: the same input
 * gives the same bytes.
 */

export interface MimeAttachment {
  readonly filename: string;
  /** type/subtype, e.g. "application/pdf". */
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface MimeInput {
  readonly from: string;
  readonly to: readonly string[];
  readonly replyTo?: readonly string[] | undefined;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly MimeAttachment[];
}

const CRLF = "\r\n";
const LINE = 76;
const MIXED = "=_partnerflow_mixed";
const ALTERNATIVE = "=_partnerflow_alternative";

/** A header value may not break its line: that would let a value write headers of its own. */
function headerValue(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new TypeError(`The ${name} header cannot hold a line break`);
  return value;
}

const isPrintableAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

function base64Lines(bytes: Uint8Array): string {
  const encoded = Buffer.from(bytes).toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += LINE) lines.push(encoded.slice(i, i + LINE));
  return lines.join(CRLF);
}

/**
 * The subject as RFC 2047 "B" encoded words, each at most 75 characters and made of whole characters (a
 * character's UTF-8 bytes are never split between two words), folded onto continuation lines.
 */
export function encodeSubject(subject: string): string {
  headerValue("Subject", subject);
  if (isPrintableAscii(subject) && subject.length <= 900) return subject;
  const prefix = "=?UTF-8?B?";
  const suffix = "?=";
  // 39 bytes are 52 characters of base64: a word of 64, so that even the first line ("Subject: " and a word)
  // stays within RFC 2047's 76.
  const maxBytes = 39;
  const words: string[] = [];
  let chunk: number[] = [];
  const flush = () => {
    if (chunk.length > 0) words.push(`${prefix}${Buffer.from(chunk).toString("base64")}${suffix}`);
    chunk = [];
  };
  for (const c of subject) {
    const bytes = [...Buffer.from(c, "utf8")];
    if (chunk.length + bytes.length > maxBytes) flush();
    chunk.push(...bytes);
  }
  flush();
  return words.join(`${CRLF} `);
}

/** A file name as a parameter: quoted when ASCII, else RFC 2231's filename*=UTF-8''… form. */
function filenameParameter(name: string, filename: string): string {
  headerValue("attachment's file name", filename);
  if (isPrintableAscii(filename)) return `${name}="${filename.replace(/["\\]/g, "\\$&")}"`;
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${name}*=UTF-8''${encoded}`;
}

function contentType(type: string): string {
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i.test(type))
    throw new TypeError(`Not a MIME content type: ${type}`);
  return type;
}

function addressList(name: string, addresses: readonly string[]): string {
  return addresses.map((a) => headerValue(name, a)).join(", ");
}

function textPart(type: "text/plain" | "text/html", body: string): string {
  return [
    `Content-Type: ${type}; charset=UTF-8`,
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(new TextEncoder().encode(body)),
  ].join(CRLF);
}

function attachmentPart(a: MimeAttachment): string {
  return [
    // Parameters folded onto lines of their own, to keep the lines short.
    `Content-Type: ${contentType(a.contentType)};${CRLF} ${filenameParameter("name", a.filename)}`,
    `Content-Disposition: attachment;${CRLF} ${filenameParameter("filename", a.filename)}`,
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(a.content),
  ].join(CRLF);
}

function multipart(boundary: string, parts: readonly string[]): string {
  return [...parts.map((p) => `--${boundary}${CRLF}${p}`), `--${boundary}--`].join(CRLF) + CRLF;
}

/** The whole message, headers and body, as bytes. */
export function mimeMessage(input: MimeInput): Uint8Array {
  const headers = [
    `From: ${headerValue("From", input.from)}`,
    `To: ${addressList("To", input.to)}`,
    ...(input.replyTo && input.replyTo.length > 0
      ? [`Reply-To: ${addressList("Reply-To", input.replyTo)}`]
      : []),
    `Subject: ${encodeSubject(input.subject)}`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${MIXED}"`,
  ];
  const alternative = [
    `Content-Type: multipart/alternative; boundary="${ALTERNATIVE}"`,
    "",
    multipart(ALTERNATIVE, [textPart("text/plain", input.text), textPart("text/html", input.html)]),
  ].join(CRLF);
  const body = multipart(MIXED, [alternative, ...input.attachments.map(attachmentPart)]);
  return new TextEncoder().encode(`${headers.join(CRLF)}${CRLF}${CRLF}${body}`);
}
