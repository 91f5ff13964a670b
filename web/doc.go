// Package web serves the business team's work queue: server-rendered
// pages (net/http and html/template, assets embedded, one small script
// for progressive enhancement and no framework) over a Backend. The
// Backend of a running intake is Casework: every button is one casework
// method (with the person's name as who did it), every page one casework
// read turned into what the page shows.
//
// Pages. Today lists what needs a person (decisions, statutory
// notifications, mail, what is overdue or due today, cases waiting on the
// referrer, timetables at risk, paused cases, emails that did not go),
// each item linking to where it is dealt with. Cases lists and searches
// the cases (showing a child's initials only). A case page shows the
// referral's answers with where each came from, the screening and its
// flags, the decision, both clocks with who recorded each step, the
// agencies' requests and summaries, the referrals and mail filed on it,
// the emails and their delivery, and the audit trail. A message's page
// shows its sender, subject, why it waits and its files, each a
// download; Mail lists the messages waiting for a person; Outbox the
// emails. Each action is its own page with one form (GOV.UK style):
// a refused or incomplete form comes back with an error summary linked to
// the fields and everything typed still there; a done action returns to
// the case with a banner saying what happened.
//
// Who may do what. Everyone signs in, through the partnership's identity
// provider (OpenID Connect, authorization code flow with PKCE and a nonce;
// Microsoft Entra ID app roles or an allow-list give the role) or with a
// local account (argon2id; five wrong passwords in a row lock it for
// fifteen minutes, even with the right password, and every failure gets
// the same answer so that the page reveals neither which names exist nor
// whether a guess was right). The business team reads and acts; a viewer
// reads. Sessions live in the store: the browser holds only a random
// 256-bit token (Secure, HttpOnly, SameSite=Lax, no expiry), the store
// only its SHA-256; a session ends after 30 minutes unused or 8 hours
// after sign-in, and signing out deletes it.
//
// Safety. Every state-changing request passes Go's cross-origin
// protection (Sec-Fetch-Site, else Origin against Host): a form posted
// from another site is refused and changes nothing. Every page carries a
// strict Content-Security-Policy (only this server's own script and
// styles; nothing inline; never framed), nosniff, and no-store. Every
// value is escaped by html/template. Files (referral forms, summaries,
// raw messages, the rapid review pack) are downloads only: attachment,
// application/octet-stream, nosniff, a sandboxing CSP.
//
// Audit. Signing in, failing to, being locked out, signing out and a
// session's expiry are written to the audit trail with the person's
// name, each in one transaction with what it changes. Every view of a
// case or a message and every download is recorded by casework as
// information access before the data is returned, and if it cannot be
// recorded nothing is shown; every action is audited by casework with
// who did it. An action casework refuses comes back as the form, as it
// was filled in, with casework's words in the error summary. Logs carry
// references and paths, never names, form contents or search words.
package web
