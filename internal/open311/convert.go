package open311

import (
	"strconv"

	"github.com/loa-vn/loa/internal/cases"
)

// RequestOf turns a case, with its Open311 extras if it has any (nil
// otherwise), into what GET requests shows. It goes through the public
// view (cases.PublicSummary): the description redacted, no contact; the
// address is redacted the same way, and the media link is left out.
func RequestOf(c *cases.Case, x *Extra) Request {
	v := cases.PublicSummary(c)
	st, _ := StatusOf(v.State)
	r := Request{
		ServiceRequestID: v.Code, Status: st.Open311, StatusNotes: notesOf(v),
		ServiceName: v.CategoryLabel, ServiceCode: string(v.Category), Description: v.Description,
		AgencyResponsible: v.Agency, RequestedDatetime: W3(v.CreatedAt), UpdatedDatetime: W3(v.UpdatedAt),
	}
	if st.Open311 == StatusOpen {
		r.ExpectedDatetime = W3(v.AnswerDue)
	}
	if x != nil {
		r.Address = cases.Redact(x.Address, c.Contact)
		r.AddressID = x.AddressID
		if x.HasPoint {
			lat, long := x.Lat, x.Long
			r.Lat, r.Long = &lat, &long
		}
	}
	return r
}

// notesOf explains the state: its Vietnamese label, and the link or the
// referral of a case that ended without an answer.
func notesOf(v *cases.PublicView) string {
	switch {
	case v.State == cases.StateDuplicate && v.DuplicateOf != "":
		return v.StateLabel + ": " + v.DuplicateOf
	case v.State == cases.StateNotOurResponsibility && v.Referral != "":
		return v.StateLabel + ". " + v.Referral
	}
	return v.StateLabel
}

// UpdateOf turns a public update of a case into mySociety's format.
func UpdateOf(u cases.PublicUpdate) Update {
	st, _ := StatusOf(u.State)
	desc := u.Note
	if desc == "" {
		desc = u.State.Label()
	}
	return Update{UpdateID: itoa64(u.EventID), ServiceRequestID: u.Code, Status: st.MySociety,
		UpdatedDatetime: W3(u.At), Description: desc}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
