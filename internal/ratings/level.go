package ratings

// Level is a satisfaction level on the SIPAS scale, from 1 (rất không hài
// lòng) to 5 (rất hài lòng). It is stored as the number.
type Level int

// The levels.
const (
	VeryDissatisfied Level = 1 // Rất không hài lòng
	Dissatisfied     Level = 2 // Không hài lòng
	Neutral          Level = 3 // Bình thường
	Satisfied        Level = 4 // Hài lòng
	VerySatisfied    Level = 5 // Rất hài lòng
)

// MinLevel and MaxLevel bound the scale.
const (
	MinLevel = VeryDissatisfied
	MaxLevel = VerySatisfied
)

// levelNames are the SIPAS wordings.
var levelNames = [...]string{
	VeryDissatisfied: "Rất không hài lòng",
	Dissatisfied:     "Không hài lòng",
	Neutral:          "Bình thường",
	Satisfied:        "Hài lòng",
	VerySatisfied:    "Rất hài lòng",
}

// Valid reports whether l is on the scale.
func (l Level) Valid() bool { return l >= MinLevel && l <= MaxLevel }

// Satisfied reports whether l counts as satisfied (levels 4 and 5), the
// share the SIPAS index reports.
func (l Level) Satisfied() bool { return l >= Satisfied && l.Valid() }

// Name returns the level's Vietnamese wording, or "" off the scale.
func (l Level) Name() string {
	if !l.Valid() {
		return ""
	}
	return levelNames[l]
}

// Levels returns the scale from best to worst, the order the SIPAS form
// shows it.
func Levels() []Level {
	return []Level{VerySatisfied, Satisfied, Neutral, Dissatisfied, VeryDissatisfied}
}
