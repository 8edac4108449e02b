// Package channels brings the virtual assistant to chat platforms: a Zalo
// Official Account and a Facebook Messenger page.
//
// A webhook call is handled in three steps, so that the platform gets its
// 200 within its deadline (Zalo waits two seconds):
//
//  1. the web layer checks the platform's signature over the raw body
//     (VerifyZalo, VerifyMessenger) before anything else is read;
//  2. it parses the events (ParseZalo, ParseMessenger), keeping only the
//     users' text messages, and hands each to Service.Receive, which stores
//     it once (a redelivered event is ignored) and enqueues a reply job in
//     the same transaction;
//  3. the job (ReplyArgs) asks the assistant in the user's conversation,
//     writes the answer as plain text for a chat (ChatText), splits it to
//     the platform's 2,000 characters (Split) and sends the parts through
//     the platform's Sender, resuming after the last delivered part when a
//     send fails and the job is retried.
//
// The platforms' HTTP clients live in the subpackage platform, because a
// domain package does not import net/http; this package defines what they
// must do (Sender, Refresher) and keeps the state they share across
// replicas: the Zalo OA's tokens (TokenStore), the users' conversations and
// the messages in flight.
//
// The platforms' user ids are personal data of a kind: they are never
// logged, the conversation table keys users by an HMAC of their id, and a
// message's id and text are cleared once its reply is delivered.
package channels
