package channels

// The channel names, as the assistant and the cases record them.
const (
	Zalo      = "zalo"
	Messenger = "messenger"
)

// MaxText is the longest message, in characters, that Zalo's OA message API
// and Messenger's Send API accept; longer answers are sent in parts.
const MaxText = 2000

// The kinds of message a user sends that get an answer.
const (
	// KindText is typed text (with or without an attachment): the
	// assistant answers it.
	KindText = "text"
	// KindMedia is an image, sticker, GIF, voice message, video, file,
	// location or link without text: the assistant cannot read it, and the
	// user is told to type their question (MediaNotice). Nothing of the
	// media is kept or fetched.
	KindMedia = "media"
	// KindChoice is a tap on an option of a clarifying question (a
	// Messenger quick reply or postback whose payload this package made):
	// Choice names the service chosen.
	KindChoice = "choice"
)

// Message is what a user sent, as a webhook received it.
type Message struct {
	// Channel is Zalo or Messenger.
	Channel string
	// EventID is the platform's id of the message, so that an event
	// delivered twice is answered once.
	EventID string
	// UserID is the platform's id of the sender: the Zalo user id of the
	// OA's follower, the anonymous id of a Zalo visitor who does not
	// follow the OA, or the page-scoped id on Messenger. It is personal
	// data: never log it.
	UserID string
	// ZaloConversationID is set for a Zalo anonymous visitor only: the
	// OA chat's conversation_id, which with the anonymous id (UserID)
	// addresses the reply and keys the visitor's assistant conversation.
	// Personal data too.
	ZaloConversationID string
	// Kind is KindText, KindMedia or KindChoice; empty means KindText.
	Kind string
	// Text is what the user wrote (KindText).
	Text string
	// Choice is the slug of the service a KindChoice message picks, read
	// from a payload this package made (ChoicePayload) and checked again,
	// when it is answered, against the options last offered to the user.
	Choice string
}
