// Package mail holds the building blocks of claimdesk's e-mail channel: parsing
// inbound messages (ParseInbound), deciding which case a message belongs to
// (Thread), rendering outbound messages (Outbound.Bytes), sending them over
// SMTP (SMTPSender), receiving them over IMAP (IMAPPoller) or a built-in SMTP
// listener (Listener), and a keyword triage hint for new mail (Triage).
//
// The package knows nothing of the database. Threading asks a small Lookup
// interface that the case layer implements; sending and receiving work on raw
// RFC 5322 bytes so the outbox can store exactly what it sends.
//
// The package is named mail like net/mail and go-message's mail; inside it
// go-message's is imported as gomail.
package mail
