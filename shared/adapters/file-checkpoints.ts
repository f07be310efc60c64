/**
 * Checkpoints on one machine: an append-only file of one checkpoint a line, and an Ed25519 key file made at first
 * use (both under the directory given, `$DATA_DIR/checkpoints` in the local runtime). The key never leaves the
 * machine; its public half is published with every checkpoint list.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Checkpoint } from "../domain/checkpoint.ts";
import type { CheckpointSigner, CheckpointStore } from "../ports/checkpoints.ts";

export class FileCheckpointStore implements CheckpointStore {
  private readonly file: string;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = join(dir, "checkpoints.ndjson");
  }

  private all(): Checkpoint[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, "utf8")
      .split("\n")
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as Checkpoint);
  }

  async recent(limit: number): Promise<Checkpoint[]> {
    return this.all().slice(-limit);
  }

  async latest(): Promise<Checkpoint | undefined> {
    return this.all().at(-1);
  }

  async append(checkpoint: Checkpoint): Promise<void> {
    const last = await this.latest();
    if (last && checkpoint.number <= last.number)
      throw new Error(`Checkpoint ${checkpoint.number} exists already`);
    // O_APPEND: a line is added at the end, never written over.
    appendFileSync(this.file, `${JSON.stringify(checkpoint)}\n`, { flag: "a" });
  }
}

export class FileCheckpointSigner implements CheckpointSigner {
  readonly algorithm = "Ed25519" as const;
  readonly keyId: string;
  private readonly privatePem: string;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, "checkpoint-key.pem");
    if (!existsSync(file)) {
      const { privateKey } = generateKeyPairSync("ed25519");
      writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
    }
    this.privatePem = readFileSync(file, "utf8");
    const spki = createPublicKey(this.privatePem).export({ type: "spki", format: "der" });
    this.keyId = `ed25519:${createHash("sha256").update(spki).digest("hex").slice(0, 16)}`;
  }

  async sign(bytes: Uint8Array): Promise<string> {
    return sign(null, bytes, createPrivateKey(this.privatePem)).toString("base64");
  }

  async publicKeyPem(): Promise<string> {
    return String(createPublicKey(this.privatePem).export({ type: "spki", format: "pem" }));
  }
}
