package web

import (
	"html/template"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/units"
)

// Base is what the layout needs on every page.
type Base struct {
	Title       string
	Description string
	// Query refills the search box.
	Query string
}

type homeView struct {
	Base    Base
	Popular []*catalog.Service
	Events  []catalog.LifeEvent
}

type levelOption struct {
	Value, Label string
	Selected     bool
}

type searchView struct {
	Base             Base
	Results          []*catalog.Service
	Total            int
	Page, Pages      int
	PrevURL, NextURL string
	Levels           []levelOption
}

type serviceView struct {
	Base            Base
	Service         *catalog.Service
	Events          []catalog.LifeEvent
	Notes           []noteView
	FeedbackMessage string
}

// noteView is a local note of a province or commune, named for citizens.
type noteView struct {
	Agency     string
	Paragraphs []string
}

type posterView struct {
	Service *catalog.Service
	URL     string
	QR      template.HTML
	// Assistant is the address of the assistant's page, for questions
	// the poster does not answer.
	Assistant string
	// Density is "", "dense" or "denser": the smaller type a long guide
	// needs to stay on one A4 sheet (posterDensity).
	Density string
}

type lifeEventView struct {
	Base     Base
	Event    catalog.LifeEvent
	Services []*catalog.Service
}

type agenciesView struct {
	Base       Base
	Ministries []units.Agency
	Provinces  []units.Unit
}

type agencyView struct {
	Base     Base
	Agency   units.Agency
	Services []*catalog.Service
}

type provinceView struct {
	Base      Base
	Province  units.Unit
	Committee *units.Agency
	Communes  []units.Unit
	Services  []*catalog.Service
}

type errorView struct {
	Base    Base
	Heading string
	Message string
}
