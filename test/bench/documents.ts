/**
 * `npx tsx test/bench/documents.ts`: what the agreement's documents cost a function. Bundles a handler that
 * renders the agreement and the certificate as PDFs and mails them (the way CDK bundles, infra/lambda-bundling.ts),
 * prints its size against the 400 KiB budget and its cold import time, and times rendering a typical agreement
 * (text and PDF) and a certificate PDF in this process, warm.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { esbuildOptions } from "#infra/lambda-bundling.ts";
import { agreementPdf } from "#shared/documents/agreement-pdf.ts";
import { certificatePdf } from "#shared/documents/certificate-pdf.ts";
import { renderAgreement } from "#shared/domain/agreement.ts";
import { completionCertificate } from "#shared/domain/completion-certificate.ts";
import { sha256Hex } from "#shared/domain/sha256.ts";
import { AGREEMENT_INPUT } from "../fixtures/agreement.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const OUT = join(ROOT, "node_modules", ".cache", "partnerflow-bench", "documents");

const ENTRY = `
import { SESClient } from "@aws-sdk/client-ses";
import { SesMailer } from "#shared/adapters/ses-mailer.ts";
import { renderAgreement } from "#shared/domain/agreement.ts";
import { agreementPdf } from "#shared/documents/agreement-pdf.ts";
import { certificatePdf } from "#shared/documents/certificate-pdf.ts";
const mailer = new SesMailer(new SESClient({}), "partnerships@example.org");
export const handler = async (event) => {
  const pdf = await agreementPdf(renderAgreement(event.input), event.meta);
  const certificate = await certificatePdf(event.certificate);
  await mailer.send({ to: event.to, subject: "Signed", text: "", html: "", attachments: [
    { filename: "agreement.pdf", contentType: "application/pdf", content: pdf },
    { filename: "certificate.pdf", contentType: "application/pdf", content: certificate },
  ] });
};
`;

async function bundleBytes(): Promise<{ bytes: number; pdfLibBytes: number; file: string }> {
  mkdirSync(OUT, { recursive: true });
  const entry = join(OUT, "entry.ts");
  writeFileSync(entry, ENTRY);
  const file = join(OUT, "index.mjs");
  const { metafile } = await build({ ...esbuildOptions(entry, file), logLevel: "silent", metafile: true });
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  const pdfLibBytes = Object.entries(output?.inputs ?? {})
    .filter(([path]) => /node_modules\/(pdf-lib|@pdf-lib|pako|tslib)\//.test(path))
    .reduce((sum, [, i]) => sum + i.bytesInOutput, 0);
  return { bytes: statSync(file).size, pdfLibBytes, file };
}

function coldImportMs(file: string, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const out = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", `await import(${JSON.stringify(file)});`],
      {
        env: { ...process.env, AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "x" },
      },
    );
    if (out.status !== 0) throw new Error(String(out.stderr));
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN;
}

async function medianMs(run: () => Promise<unknown>, runs = 30): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN;
}

const { bytes, pdfLibBytes, file } = await bundleBytes();
const meta = { issuedAt: AGREEMENT_INPUT.issuedAt, id: "Partnership p_7Qm2xK9vLr4T, agreement version 1" };
const firstStarted = performance.now();
const pdf = await agreementPdf(renderAgreement(AGREEMENT_INPUT), meta);
const firstMs = performance.now() - firstStarted;
const hash = sha256Hex(pdf);
const signature = {
  ip: "203.0.113.7",
  userAgent: "bench",
  documentSha256: hash,
  signedAt: AGREEMENT_INPUT.issuedAt,
};
const certificate = completionCertificate({
  partnershipId: AGREEMENT_INPUT.partnershipId,
  agreementVersion: 1,
  documentSha256: hash,
  templateVersion: AGREEMENT_INPUT.templateVersion,
  completedAt: AGREEMENT_INPUT.issuedAt,
  signatures: [
    {
      ...signature,
      role: "partner",
      name: "Dana Okafor",
      email: "dana@example.org",
      consentToElectronicRecords: true,
    },
    { ...signature, role: "office", name: "Sam Lee", email: "sam@example.org" },
  ],
});
const rows = [
  [
    "bundle with agreement + certificate PDFs and the SES mailer",
    `${(bytes / 1024).toFixed(1)} KiB (budget 400 KiB)`,
  ],
  ["of which pdf-lib and its dependencies", `${(pdfLibBytes / 1024).toFixed(1)} KiB`],
  ["cold import of that bundle (median of 7)", `${coldImportMs(file).toFixed(1)} ms`],
  ["agreement PDF bytes", `${pdf.length}`],
  ["first agreement render + PDF in a process", `${firstMs.toFixed(1)} ms`],
  [
    "agreement render + PDF, warm (median of 30)",
    `${(await medianMs(() => agreementPdf(renderAgreement(AGREEMENT_INPUT), meta))).toFixed(1)} ms`,
  ],
  [
    "certificate PDF, warm (median of 30)",
    `${(await medianMs(() => certificatePdf(certificate))).toFixed(1)} ms`,
  ],
];
for (const [metric, value] of rows) console.log(`${metric}: ${value}`);
