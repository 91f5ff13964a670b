// Package notify renders intake's emails and delivers the outbox over
// SMTP.
//
// Every email starts as an outbox row (intake.Outbox.Enqueue) written in the same
// transaction as the change that causes it, keyed by an idempotency key
// and given its Message-ID there and then. The Sender takes the rows that
// are due, renders each from its templates (plain text and HTML, embedded,
// each overridable from a directory) and hands it to the SMTP server with
// go-mail, over STARTTLS or implicit TLS; plaintext is refused unless the
// configuration allows it and the server is on loopback.
//
// When a send is given up: a temporary failure (a 4xx reply, or a
// connection that could not be made or broke) is retried with exponential
// backoff, from a minimum delay doubling to a maximum, until the row has
// been due for longer than the configured maximum age; then it is marked
// failed. A permanent failure (a 5xx reply) is marked failed at once. A
// failed row stays in the outbox: `intake outbox --failed` and the daily
// digest show it, and `intake outbox retry ID` tries it again.
//
// Exactly once, as far as SMTP allows: before sending, the Sender claims a
// row and leases it for a while; the row is marked sent only once the
// server has accepted the message. If intake dies after the server
// accepted the message and before the row was marked sent, the lease runs
// out and the message is sent again, with the same Message-ID, so that the
// recipient's mail client can recognise the duplicate. No row is ever
// sent twice otherwise.
//
// A bounce (a delivery status notification) that comes back for one of
// our messages is matched to its row by the Message-ID it quotes
// (intake.Outbox.MarkBounced, called when the bounce is filed); the row is marked
// bounced and shown in the digest.
//
// Loop protection: every email carries Auto-Submitted (auto-replied for
// acknowledgements, auto-generated for the rest, RFC 3834 section 5) and
// X-Auto-Response-Suppress: All, answers the referrer's message through
// In-Reply-To and References, and has Reply-To set to the partnership
// mailbox. Those two headers echo what a sender wrote, so only valid
// Message-IDs (RFC 5322 section 3.6.4) go into them, and References
// keeps the last ten: an invalid In-Reply-To is dropped. The Sender
// never sends to the partnership's own address, and holds any email that
// would take one recipient past the daily cap; held emails are shown in
// the digest, and a person releases one with `intake outbox retry ID`.
//
// A redirect forwards the referral to the neighbouring partnership as
// the partnership received it: the stored message, whole, attached as
// message/rfc822. A redirect is never sent without it: when the message
// was purged or never stored whole, the row fails at once and the digest
// says why, for a person to forward the referral by hand.
//
// The daily digest says what casework's Today says needs the business
// team, asked at the moment the digest is sent: first the decisions
// waiting for a person, then the local authority's statutory
// notifications, the mail a person must see, the cases waiting on their
// referrer, the deadlines, the cases at risk and paused, the emails not
// sent, and what arrived since the previous working day; each item once,
// with the coming deadlines attached as an iCalendar file.
//
// The Scheduler is the daemon part: it enqueues the daily digest on
// working days at the configured time (Europe/London) and sleeps on the
// injected clock until the next row falls due, the next digest, or a
// fallback interval, whichever is first; it never polls on a tight ticker.
package notify
