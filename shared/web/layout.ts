/** The page shell, its stylesheet and the security headers every page is sent with. */
import { createHash } from "node:crypto";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { html, SafeHtml } from "./html.ts";
import { UPLOAD_GUARD_SCRIPT } from "./upload-guard.ts";

const STYLE = `
:root{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f23;background:#f6f7f9;line-height:1.5}
body{margin:0}main{max-width:52rem;margin:0 auto;padding:1.5rem 1rem 4rem;overflow-wrap:break-word}
header.site{background:#17365d;color:#fff;padding:.8rem 1rem;display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.3rem 1rem}header.site a{color:#fff;text-decoration:none;font-weight:600}
.signed-in{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem .8rem;margin:0}.signed-in form{margin:0}.signed-in button{margin:0;padding:.3rem .8rem;border:1px solid #fff}
h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d5dd;padding-bottom:.25rem}
fieldset{border:1px solid #d0d5dd;border-radius:.4rem;margin:0 0 1.2rem;padding:.8rem 1rem;background:#fff;min-width:0}
legend{font-weight:600;padding:0 .3rem}label{display:block;font-weight:500;margin:.6rem 0 .2rem}
label.choice{font-weight:400;display:flex;gap:.4rem;align-items:center;margin:.2rem 0}
input[type=text],input[type=email],input[type=url],input[type=number],input[type=tel],select,textarea{width:100%;box-sizing:border-box;padding:.45rem;border:1px solid #98a2b3;border-radius:.3rem;font:inherit}
textarea{min-height:5rem}.hint{color:#475467;font-size:.9rem;margin:.1rem 0}
.error{color:#b42318;font-weight:500;margin:.2rem 0}.invalid{border-color:#b42318!important;outline:1px solid #b42318}
:focus-visible,.invalid:focus,.invalid:focus-visible{outline:3px solid #1570ef;outline-offset:2px}header.site a:focus-visible{outline-color:#fff}
input,select,textarea,fieldset,.summary{scroll-margin-top:10rem}textarea{scroll-margin-top:16rem}
.summary{border:2px solid #b42318;background:#fef3f2;padding:.8rem 1rem;border-radius:.4rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.8rem}
button{background:#17365d;color:#fff;border:0;border-radius:.3rem;padding:.6rem 1.2rem;font:inherit;cursor:pointer;margin:.3rem .5rem .3rem 0;max-width:100%}
.actions button{margin:0}
button.secondary{background:#475467}button.danger{background:#b42318}
.card{background:#fff;border:1px solid #d0d5dd;border-radius:.4rem;padding:1rem;margin:1rem 0}
.stage{display:inline-block;max-width:100%;box-sizing:border-box;background:#e0eaff;color:#17365d;border-radius:1rem;padding:.1rem .7rem;font-weight:600}
table{border-collapse:collapse;width:100%;table-layout:fixed}td,th{border-bottom:1px solid #e4e7ec;text-align:left;padding:.35rem;vertical-align:top;overflow-wrap:break-word}
tbody th{width:40%}
@media (max-width:40rem){table:has(>thead),table:has(>thead)>tbody,table:has(>thead)>tbody>tr,table:has(>thead)>tbody>tr>td{display:block;width:auto}
table:has(>thead)>caption{display:block;text-align:left}table>thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
table:has(>thead)>tbody>tr{border-bottom:2px solid #d0d5dd;padding:.3rem 0}table:has(>thead)>tbody>tr>td{border:0;padding:.15rem .35rem}td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:#475467}
.signed-in{font-size:.9rem}}
.score{font-size:1.4rem;font-weight:700}
.diagram{overflow:auto;max-height:80vh;background:#fff;border:1px solid #d0d5dd;border-radius:.4rem;margin:1rem 0}
details.hash summary{cursor:pointer}details.hash code{word-break:break-all}.as-seen button:disabled{opacity:.6;cursor:not-allowed}
`;

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64");
const STYLE_HASH = sha256(STYLE);
/**
 * The one script any page may run: the upload guard (shared/web/upload-guard.ts), rendered only on pages with file
 * inputs. The policy is one header for every answer (the local server's own included), so its hash is allowed
 * everywhere: a hash allows only that exact text, which does nothing on a page without a guarded form.
 */
const SCRIPT_HASH = sha256(UPLOAD_GUARD_SCRIPT);

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src 'sha256-${SCRIPT_HASH}'`,
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

/**
 * Sent with every answer: by httpHandler, and by the local server with its own. A list rather than
 * @middy/http-security-headers, whose defaults (a different CSP, COEP require-corp, headers we do not send)
 * would each have to be turned off to send exactly these, and which the local server could not use.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
  "cross-origin-opener-policy": "same-origin",
};

export function page(title: string, body: SafeHtml, officeName = "Community Partnerships Office"): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="same-origin"><link rel="icon" href="/favicon.ico" type="image/svg+xml"><title>${title} · Partnerflow</title><style>${new SafeHtml(STYLE)}</style></head>
<body><header class="site"><a href="/">Partnerflow</a> · ${officeName}</header><main>${body}</main></body></html>`
    .value;
}

/** The end of the site's header in every page the shell makes: where a signed-in page says who is signed in. */
const HEADER_END = "</header><main>";

/**
 * A page of the shell with `bar` (who is signed in, the sign-out button) at the end of its site header: the staff
 * pages' handlers add it to whatever page they render, so that no page's renderer needs to know who asked.
 */
export function withHeaderBar(document: string, bar: SafeHtml): string {
  const at = document.indexOf(HEADER_END);
  return at < 0 ? document : `${document.slice(0, at)}${bar.value}${document.slice(at)}`;
}

export function htmlResponse(statusCode: number, body: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { "content-type": "text/html; charset=utf-8", ...SECURITY_HEADERS },
    body,
  };
}
