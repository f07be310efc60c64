/** The staff's sign-in page (locally: a staff token exchanged for a session), and its wrong-token answer. */
import { html } from "./html.ts";
import { page } from "./layout.ts";

export interface SignInPageOptions {
  /** Where to go once signed in (already checked: a path on this site), carried by the form. */
  readonly next?: string | undefined;
  /** The token was refused. */
  readonly refused?: boolean;
  /** Just signed out. */
  readonly signedOut?: boolean;
  readonly officeName?: string | undefined;
}

export function signInPage(options: SignInPageOptions): string {
  const error = options.refused
    ? html`<div class="summary" role="alert" id="error-summary"><h2>There is a problem</h2><p><a href="#f-token">Staff token</a>: this token signs nobody in. Check that you pasted the whole token, and that it has not been replaced or revoked.</p></div>`
    : "";
  return page(
    "Staff sign-in",
    html`${error}<h1>Staff sign-in</h1>
<p>For the office's officers, lead and auditors. Partners do not sign in: the links in their emails are all they need.</p>
${options.signedOut ? html`<p role="status">You are signed out.</p>` : ""}
<form method="post" action="/sign-in"><div class="field"><label for="f-token">Staff token</label>
<p class="hint" id="f-token-hint">Your personal token identifies you; no email or password is needed. It was printed once, by the first <code>npm start</code> on an empty data folder, or by <code>npm run staff -- add &lt;role&gt; &lt;email&gt;</code> (which also gives a new token for a lost one).</p>
${options.refused ? html`<p class="error" id="f-token-error">This token signs nobody in.</p>` : ""}
<input id="f-token" name="token" type="password" required autocomplete="off" spellcheck="false" aria-describedby="f-token-hint${options.refused ? " f-token-error" : ""}"${options.refused ? html` aria-invalid="true" class="invalid" autofocus` : ""}></div>
${options.next ? html`<input type="hidden" name="next" value="${options.next}">` : ""}
<button type="submit">Sign in</button></form>
<p class="hint">You stay signed in for 8 hours on this browser, or until you sign out.</p>`,
    options.officeName,
  );
}

/** The sign-out button, for a signed-in page's header. */
export function signOutForm() {
  return html`<form method="post" action="/sign-out"><button type="submit" class="secondary">Sign out</button></form>`;
}
