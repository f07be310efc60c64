/** EvidenceStore in memory, for tests: what goes in or comes out is a copy; links are recognisably fake. */
import { checkTtl, type EvidenceStore, type SignedUrlOptions } from "../ports/evidence-store.ts";

/** The origin of every link the in-memory store gives (`.invalid` never resolves). */
export const IN_MEMORY_EVIDENCE_ORIGIN = "https://in-memory-evidence.invalid";

export class InMemoryEvidenceStore implements EvidenceStore {
  private readonly objects = new Map<string, { bytes: Uint8Array; contentType: string }>();

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    this.objects.set(key, { bytes: Uint8Array.from(bytes), contentType });
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const stored = this.objects.get(key);
    return stored ? Uint8Array.from(stored.bytes) : undefined;
  }

  /** `https://in-memory-evidence.invalid/<key>?ttl=…&name=…&type=…`: what a real link would carry, readable. */
  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    checkTtl(options.ttlSeconds);
    const url = new URL(`/${key.split("/").map(encodeURIComponent).join("/")}`, IN_MEMORY_EVIDENCE_ORIGIN);
    url.searchParams.set("ttl", String(options.ttlSeconds));
    url.searchParams.set("name", options.downloadName);
    url.searchParams.set("type", options.contentType);
    return url.href;
  }

  /** The content type stored with `key` (tests). */
  contentTypeOf(key: string): string | undefined {
    return this.objects.get(key)?.contentType;
  }

  /** How many objects are stored (tests). */
  get size(): number {
    return this.objects.size;
  }
}
