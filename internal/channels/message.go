package channels

// The channel names, as the assistant and the cases record them.
const (
	Zalo      = "zalo"
	Messenger = "messenger"
)

// MaxText is the longest message, in characters, that Zalo's OA message API
// and Messenger's Send API accept; longer answers are sent in parts.
const MaxText = 2000

// Message is a user's text message received by a webhook.
type Message struct {
	// Channel is Zalo or Messenger.
	Channel string
	// EventID is the platform's id of the message, so that an event
	// delivered twice is answered once.
	EventID string
	// UserID is the platform's id of the sender: the Zalo user id of the
	// OA's follower, or the page-scoped id on Messenger. It is personal
	// data: never log it.
	UserID string
	// Text is what the user wrote.
	Text string
}
