/**
 * Personal data keys on one machine: a file per partnership under the keys directory (locally
 * `$DATA_DIR/keys/<id>.json`, readable by its owner only), holding the key, or once erased only when it was:
 * the key's bytes are overwritten in place before the file is replaced.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DataKey, PersonalDataEraser, PersonalDataKeys } from "../ports/personal-data-keys.ts";

interface KeyFile {
  key?: string;
  erasedAt?: string;
}

/** A partnership id is a UUID (or a test's word): nothing that could leave the directory. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

export class FileDataKeys implements PersonalDataKeys, PersonalDataEraser {
  constructor(private readonly dir: string) {}

  private pathOf(partnershipId: string): string {
    if (!SAFE_ID.test(partnershipId)) throw new RangeError("Not a partnership id");
    return join(this.dir, `${partnershipId}.json`);
  }

  async existingKey(partnershipId: string): Promise<DataKey | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(partnershipId), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const file = JSON.parse(text) as KeyFile;
    if (file.erasedAt !== undefined) return { erasedAt: file.erasedAt };
    if (!file.key) throw new Error(`The key file of partnership ${partnershipId} holds no key`);
    return { key: new Uint8Array(Buffer.from(file.key, "base64")) };
  }

  async keyFor(partnershipId: string): Promise<DataKey> {
    const existing = await this.existingKey(partnershipId);
    if (existing) return existing;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    try {
      // "wx": of two first uses at once, one writes and the other reads what it wrote.
      await writeFile(this.pathOf(partnershipId), JSON.stringify({ key: key.toString("base64") }), {
        flag: "wx",
        mode: 0o600,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      return (await this.existingKey(partnershipId)) as DataKey;
    }
    return { key: new Uint8Array(key) };
  }

  async erase(partnershipId: string, at: string): Promise<string> {
    const existing = await this.existingKey(partnershipId);
    if (existing && "erasedAt" in existing) return existing.erasedAt;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = this.pathOf(partnershipId);
    if (existing) {
      // Overwrite the key's bytes where they are, then replace the file with the record of the erasure.
      const handle = await open(path, "r+");
      try {
        const { size } = await handle.stat();
        await handle.write(Buffer.alloc(size, 0), 0, size, 0);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temporary, JSON.stringify({ erasedAt: at }), { mode: 0o600 });
    await rename(temporary, path);
    return at;
  }
}
