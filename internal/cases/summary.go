package cases

// PublicSummary is PublicStatus without the events and the deadline clock,
// computed from the case alone, for lists that show many cases at once (the
// Open311 requests): the same fields, the same redaction, no contact. Its
// AnswerDue is the stored deadline, Overdue and the feedback window are not
// computed.
func PublicSummary(c *Case) *PublicView {
	return &PublicView{
		Code: c.Code, Category: c.Category, CategoryLabel: c.Category.Label(),
		ServiceSlug: c.ServiceSlug, ProvinceCode: c.ProvinceCode, CommuneCode: c.CommuneCode,
		State: c.State, StateLabel: c.State.Label(), CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		Description: Redact(c.Description, c.Contact),
		Agency:      c.Agency, Answer: c.PublicAnswer, PublishedAt: c.PublishedAt,
		Referral: Redact(c.Referral, c.Contact), DuplicateOf: c.DuplicateOf, Resolved: c.Resolved,
		NeedsInfo: c.State == StateReturnedForInfo, AnswerDue: c.DueAt,
	}
}
