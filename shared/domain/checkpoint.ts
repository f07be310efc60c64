/**
 * Checkpoints: a signed Merkle root (RFC 6962, merkle.ts) over every partnership's chain head, made on a schedule
 * and kept where it cannot be rewritten. A later check compares the ledgers with the last checkpoint: a
 * partnership deleted, a chain cut short, or one rewritten since, no longer matches what was signed.
 */
import { createPublicKey, verify } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";
import { inclusionProof, leafHash, merkleRoot, verifyInclusion } from "./merkle.ts";

/** One partnership's chain head: its newest event's seq and hash. */
export interface ChainHead {
  readonly partnershipId: string;
  readonly seq: number;
  readonly hash: string;
}

/** How a checkpoint is signed: Ed25519 locally, ECDSA P-256 with SHA-256 by KMS on AWS. */
export type SignatureAlgorithm = "Ed25519" | "ECDSA_SHA_256";

export interface CheckpointBody {
  readonly version: 1;
  /** 1, 2, 3…: each checkpoint names the root of the one before. */
  readonly number: number;
  readonly at: string;
  /** Every partnership's head, by partnership id: the tree's leaves, in order. */
  readonly heads: readonly ChainHead[];
  readonly treeSize: number;
  /** The Merkle root over the heads, hex. */
  readonly rootHash: string;
  readonly previousRootHash: string | null;
  /** The signing key (a KMS key ARN, or the local key's fingerprint) and its algorithm. */
  readonly keyId: string;
  readonly algorithm: SignatureAlgorithm;
}

export interface Checkpoint extends CheckpointBody {
  /** The signature over signingBytes(body), base64. */
  readonly signature: string;
}

const encoder = new TextEncoder();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** A head as a leaf: `<partnership id>:<seq>:<hash>`. */
export const leafOf = (head: ChainHead) =>
  leafHash(encoder.encode(`${head.partnershipId}:${head.seq}:${head.hash}`));

const sortHeads = (heads: readonly ChainHead[]) =>
  [...heads].sort((a, b) =>
    a.partnershipId < b.partnershipId ? -1 : a.partnershipId > b.partnershipId ? 1 : 0,
  );

/** The body of the next checkpoint over these heads. */
export function checkpointBody(
  heads: readonly ChainHead[],
  previous: Checkpoint | undefined,
  at: string,
  key: { keyId: string; algorithm: SignatureAlgorithm },
): CheckpointBody {
  const sorted = sortHeads(heads);
  return {
    version: 1,
    number: (previous?.number ?? 0) + 1,
    at,
    heads: sorted,
    treeSize: sorted.length,
    rootHash: hex(merkleRoot(sorted.map(leafOf))),
    previousRootHash: previous?.rootHash ?? null,
    keyId: key.keyId,
    algorithm: key.algorithm,
  };
}

/** The bytes a checkpoint's signature covers: its body's canonical JSON. */
export function signingBytes(body: CheckpointBody): Uint8Array {
  const { signature: _, ...rest } = body as Checkpoint;
  return encoder.encode(canonicalJson(rest as unknown as Parameters<typeof canonicalJson>[0]));
}

/** Whether the checkpoint's root is the root of its heads (the signature is checked apart, with a key). */
export function rootMatches(checkpoint: CheckpointBody): boolean {
  return (
    checkpoint.treeSize === checkpoint.heads.length &&
    hex(merkleRoot(checkpoint.heads.map(leafOf))) === checkpoint.rootHash
  );
}

/** The proof that one partnership's head is in the checkpoint, for its audit packet. */
export function headProof(checkpoint: CheckpointBody, partnershipId: string) {
  const index = checkpoint.heads.findIndex((h) => h.partnershipId === partnershipId);
  if (index < 0) return undefined;
  const proof = inclusionProof(checkpoint.heads.map(leafOf), index);
  return { head: checkpoint.heads[index] as ChainHead, index, proof: proof.map(hex) };
}

/** Checks a head's inclusion proof against a checkpoint's root. */
export function verifyHeadProof(
  checkpoint: Pick<CheckpointBody, "treeSize" | "rootHash">,
  proof: { head: ChainHead; index: number; proof: readonly string[] },
): boolean {
  return verifyInclusion(
    leafOf(proof.head),
    proof.index,
    checkpoint.treeSize,
    proof.proof.map((p) => Uint8Array.from(Buffer.from(p, "hex"))),
    Uint8Array.from(Buffer.from(checkpoint.rootHash, "hex")),
  );
}

/** What the last checkpoint shows to be wrong with the ledgers now: a partnership gone, or a chain cut short. */
export interface CheckpointProblem {
  readonly partnershipId: string;
  /** The first event that does not check out (for a partnership gone: its head's seq at the checkpoint). */
  readonly seq: number;
  readonly reason: string;
}

/**
 * The heads at the last checkpoint against the heads now: each partnership must still be there, its chain no
 * shorter. (Whether its events since still chain from the signed head is read from its ledger: see the service.)
 */
export function headsAgainstCheckpoint(
  checkpoint: CheckpointBody,
  now: ReadonlyMap<string, ChainHead>,
): CheckpointProblem[] {
  const problems: CheckpointProblem[] = [];
  for (const signed of checkpoint.heads) {
    const current = now.get(signed.partnershipId);
    if (!current)
      problems.push({
        partnershipId: signed.partnershipId,
        seq: signed.seq,
        reason: `the partnership is gone: checkpoint ${checkpoint.number} signed its ledger up to event ${signed.seq}`,
      });
    else if (current.seq < signed.seq)
      problems.push({
        partnershipId: signed.partnershipId,
        seq: current.seq + 1,
        reason: `the ledger's head is event ${current.seq}, but checkpoint ${checkpoint.number} signed it up to event ${signed.seq}`,
      });
  }
  return problems;
}

/** Whether the signature is the key's over the checkpoint's body (either algorithm). */
export function signatureValid(checkpoint: Checkpoint, publicKeyPem: string): boolean {
  try {
    return verify(
      checkpoint.algorithm === "Ed25519" ? null : "sha256",
      signingBytes(checkpoint),
      createPublicKey(publicKeyPem),
      Buffer.from(checkpoint.signature, "base64"),
    );
  } catch {
    return false;
  }
}
