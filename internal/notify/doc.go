// Package notify tells citizens who left an e-mail address what became of
// their report: an acknowledgement with the tracking code when the case is
// opened, a notice when the agency's answer is published, and a reminder
// shortly before the 30 days in which they may ask for the case to be
// reopened run out. It owns the table notify_outbox (migration 00016).
//
// # The outbox
//
// Messages are not sent where the case changes. Outbox.Hook, plugged into
// the cases store (cases.WithOutbox), writes a row in the same transaction
// as the case event that causes it, so a message exists exactly when its
// cause was committed: a rolled-back change leaves none, and a committed
// one cannot lose it. Each cause has a dedupe key (kind, case, round), so
// seeing it twice writes one row. The row holds the recipient, the kind
// and the tracking code — never the description, the name or the answer:
// the e-mail says only that something happened, with the code and a link
// to the status page, where the citizen reads the rest.
//
// # Delivery
//
// A river job (RegisterJobs) runs Deliverer.Deliver every 30 seconds in
// whichever replica picks it up. It claims due pending rows one by one
// (claimed_until, so two replicas never send the same row at once), sends
// each over SMTP (net/smtp, STARTTLS whenever the server offers it, PLAIN
// authentication only over TLS or to localhost), and stamps delivered_at.
// A failure leaves the row pending with a later next_attempt_at (1 minute,
// doubling, at most 6 hours); a recipient refused for good (a 5xx reply to
// RCPT TO) marks it failed. When SMTP is not configured (LOA_SMTP_ADDR
// empty) Deliver does nothing and every message waits, pending, until it is.
//
// Delivery is at least once: if the process dies after the server took a
// message and before delivered_at is written, the message is sent again
// with the same Message-ID, fixed when the row was written, so mail systems
// and readers can recognise the repeat.
//
// A reopen reminder is written when the answer is published, due three
// days before the window closes; when its time comes it is sent only if the
// citizen can still reopen the case (no verdict given, not reopened or
// closed since), and cancelled otherwise.
//
// Once a row is settled (sent, failed or cancelled) its recipient is
// erased: the address stays only where the case keeps it.
//
// # The back office
//
// Board counts the rows by state, lists the recent ones with the
// recipient masked (settled rows have none left) and gives the newest
// error. Board.Retry puts a failed message back, due at once, addressed
// from its case again, with an audit entry in the same transaction.
package notify
