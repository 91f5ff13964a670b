// Package casework is intake's application: the one place where a
// stored message, a person's action or the clock changes a case. The
// daemon, every command and the web work queue call it; none of them
// holds a rule of its own.
//
// Every change is one method taking what happened and who did it (a
// person's name, or "intake" for what intake does by itself). It loads
// the case, changes it by the rules of the process, and saves it in one
// transaction with its audit lines and the emails it promises; when the
// transaction commits, the outbox is woken so that the emails leave at
// once. A change a rule forbids returns an intake.Error saying what is
// wrong and what to do instead, and changes nothing.
//
// # Mail
//
// Mail is untrusted input. A message is filed by what it carries:
//
//   - A referral opens a case, screened and waiting for a person to accept
//     or route it. The referrer is acknowledged with the case reference at
//     once (at their From address, never a Reply-To, at most a few times
//     a day). Screening is advice: no agency hears of the case until a
//     person accepts it, or the configured auto-accept rule does (the
//     local authority's notification address, authenticated, meeting
//     every criterion with nothing flagged a person must weigh).
//   - A referral for the same child and incident as an open case is linked
//     to it: the business team is told, its answers do not replace the
//     case's, and the agencies it names are listed for a person, not asked.
//   - A referral quoting a case's reference from that case's referrer,
//     authenticated, supplies what was missing: blank answers are filled
//     (an answer already given is never replaced by email), and a case
//     waiting for its referrer goes back to a person once it has what was
//     asked for. The same from anyone else waits for a person; about a
//     different child it is a new referral.
//   - An agency summary settles its agency's request only when it comes
//     from that agency's SPOC address and the sender is authenticated
//     (see Trust). It is then received, or "no involvement" when the form
//     says the agency had none; when every request is settled the case is
//     ready for review. Anything else about a case waits for a person and
//     changes nothing; its sender gets no receipt.
//   - A bounce marks our email; a bounced summary request is not chased
//     at that address, and the business team is told at once.
//   - An automatic reply, list mail and our own mail are kept, never
//     answered. Every other email (a SPOC's question, a note) and every
//     form that could not be read waits for a person.
//
// A message that makes filing panic is marked failed, counted and shown
// to the business team, and the messages after it are filed as usual.
//
// # People's decisions
//
// A person accepts a referral for rapid review (or as an exception, for a
// case more than twelve months old with significant new information), asks
// the referrer for missing information, redirects it to a neighbouring
// partnership, or records that it is not accepted: each with a reason,
// each with its emails. A person records the statutory notifications and
// the timetable's steps; intake never ticks them. Pausing a case stops its
// reminders and the partnership's overdue marks; it never moves the
// statutory deadline or a date a SPOC was given. Giving one SPOC a new date
// is its own action, and that SPOC is told.
//
// # The clock
//
// Chase queues the chasers, escalations and referrer reminders that have
// fallen due and returns when the next falls due, so that the daemon
// sleeps until then; keys make a second queueing of the same email a no-op.
package casework
