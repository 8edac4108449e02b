// Package channels brings the virtual assistant to chat platforms: a Zalo
// Official Account and a Facebook Messenger page.
//
// A webhook call is handled in three steps, so that the platform gets its
// 200 within its deadline (Zalo waits two seconds):
//
//  1. the web layer checks the platform's signature over the raw body
//     (VerifyZalo, VerifyMessenger) before anything else is read;
//  2. it parses the events (ParseZalo, ParseMessenger) into the users'
//     messages of three kinds — text; media (an image, sticker, voice
//     message, video, file, location or link sent without words); and the
//     choice of an option (a Messenger quick reply or postback whose
//     payload this package made) — and hands each to Service.Receive,
//     which stores it once (a redelivered event is ignored) and enqueues a
//     reply job in the same transaction;
//  3. the job (ReplyArgs) answers: media with a notice asking for the
//     question in words (MediaNotice; once for a burst of photos, and the
//     media itself is never stored or fetched); text and choices through
//     the assistant in the user's conversation, written as plain text for
//     a chat (ChatText), split to the platform's 2,000 characters (Split)
//     and sent through the platform's Sender, resuming after the last
//     delivered part when a send fails and the job is retried.
//
// When the assistant asks which of two or three services is meant, the
// options are listed as numbered lines, offered as quick replies where the
// platform has them (ChoiceSender: Messenger; Zalo's OA API has none for
// free-text chats). A reply that is only a number, a tapped quick reply or
// a postback is read against the options the assistant's conversation
// state holds (Asker.Offered) and sent to the assistant as the option's
// slug —
// the assistant's own way of picking an option, as it does for the web
// widget — so its conversation moves to that service; a payload naming
// anything else gets a polite message, never a query built from it.
//
// On Zalo the OA answers its followers and also anonymous visitors, who
// write to it without following it (from the OA's chat plugin on a
// ministry's website, say): their "anonymous_send_*" events are read like
// a follower's "user_send_*" ones, and the reply goes through the same OA
// message API to the recipient {"anonymous_id", "conversation_id"}
// instead of {"user_id"} (ZaloRecipient). That shape, and the events'
// names, are Zalo's reference as public integrations quote it; Zalo's own
// site could not be read from here. An anonymous event without a
// conversation id cannot be answered and is dropped, and the OA's own
// echoes ("oa_send_*", "oa_send_anonymous_*") are ignored. An anonymous
// visitor's conversation is keyed by the anonymous id and the
// conversation id together, so two visitors never share one.
//
// The platforms' HTTP clients live in the subpackage platform, because a
// domain package does not import net/http; this package defines what they
// must do (Sender, ChoiceSender, Refresher) and keeps the state they share
// across replicas: the Zalo OA's tokens (TokenStore), the users'
// conversations and offered options, and the messages in flight. A purge
// job deletes closed messages and offered options after Retention.
//
// The platforms' user ids (and a Zalo visitor's anonymous and
// conversation ids) are personal data of a kind: they are never
// logged, the conversation and option tables key users by an HMAC of their
// id, and a message's id and text are cleared once its reply is delivered
// (or given up after the last retry).
package channels
