package corpus

// Trip is an official trip abroad (đoàn ra) as the drafting clerk describes it
// once: who goes, where, when, why, who pays, who signs, and after the trip what
// came of it. The rules check reads it; every generated document is drawn from it.
// YAML/JSON field names are part of the trip-file contract.
type Trip struct {
	Style        string   `json:"style" yaml:"style"`                 // "state" (Nghị định 30/2020/NĐ-CP) or "party" (Hướng dẫn 36-HD/VPTW)
	ParentIssuer string   `json:"parent_issuer" yaml:"parent_issuer"` // "UBND TỈNH QUẢNG NINH", "THÀNH ỦY HÀ NỘI"
	Issuer       string   `json:"issuer" yaml:"issuer"`               // "SỞ NGOẠI VỤ", "BAN TỔ CHỨC"
	Jurisdiction string   `json:"jurisdiction" yaml:"jurisdiction"`   // whose rules apply: "Thành ủy Hà Nội", "UBND tỉnh Quảng Ninh"
	Register     Register `json:"register" yaml:"register"`
	Place        string   `json:"place" yaml:"place"` // place of issue: "Hạ Long"
	Date         Date     `json:"date" yaml:"date"`   // date of the proposal

	Name              string   `json:"name" yaml:"name"`           // the delegation: "Đoàn công tác của Sở Ngoại vụ tỉnh Quảng Ninh"
	Nature            string   `json:"nature" yaml:"nature"`       // "làm việc", "dự hội nghị", "khảo sát"
	Purpose           string   `json:"purpose" yaml:"purpose"`     // why: one or more sentences
	Members           []Member `json:"members" yaml:"members"`     // the first with head: true heads the delegation
	Itinerary         []Stop   `json:"itinerary" yaml:"itinerary"` // one stop per country, in order
	Departure         Date     `json:"departure" yaml:"departure"` // leaving Vietnam (travel included)
	Return            Date     `json:"return" yaml:"return"`       // back in Vietnam
	Funding           Funding  `json:"funding" yaml:"funding"`
	Invitation        string   `json:"invitation,omitempty" yaml:"invitation,omitempty"` // the inviting partner's letter
	ProgrammeAttached bool     `json:"programme_attached" yaml:"programme_attached"`     // a detailed working programme goes with the request
	Contact           string   `json:"contact,omitempty" yaml:"contact,omitempty"`

	Recipients []string `json:"recipients" yaml:"recipients"`               // Kính gửi
	CC         []string `json:"cc" yaml:"cc"`                               // Nơi nhận (without "Lưu: VT")
	Archive    string   `json:"archive,omitempty" yaml:"archive,omitempty"` // "Lưu: VT, NV." line's unit part: "VT, NV"
	Signer     Signer   `json:"signer" yaml:"signer"`

	// Proposer names who proposes the trip, as running text ("Giám đốc Sở
	// Ngoại vụ tỉnh Quảng Ninh"); "" derives it from the signer and issuer.
	Proposer string `json:"proposer,omitempty" yaml:"proposer,omitempty"`
	// Decider is the body that decides the trip and issues the decision
	// (for a Sở, the provincial People's Committee); nil takes the
	// jurisdiction's default (package check, Decider).
	Decider *Decider `json:"decider,omitempty" yaml:"decider,omitempty"`

	Report *TripReport `json:"report,omitempty" yaml:"report,omitempty"` // filled after the trip
}

// Register is the numbering of the outgoing document: "Số: 05/SNgV-LS"
// (state) or "Số 4060-CV/BTCTU" (Party).
type Register struct {
	Number int    `json:"number" yaml:"number"`                 // 0 leaves the number blank for the records office
	Code   string `json:"code" yaml:"code"`                     // "SNgV-LS", "BTCTU"
	Type   string `json:"type,omitempty" yaml:"type,omitempty"` // type code for non-công văn documents ("TTr", "QĐ")
}

// Member of a delegation.
type Member struct {
	Name       string `json:"name" yaml:"name"`
	Position   string `json:"position" yaml:"position"`
	Unit       string `json:"unit" yaml:"unit"`
	Rank       string `json:"rank,omitempty" yaml:"rank,omitempty"` // for rank-dependent limits: "provincial-head", "provincial-deputy", "department-head"
	Head       bool   `json:"head,omitempty" yaml:"head,omitempty"`
	KeyLeader  bool   `json:"key_leader,omitempty" yaml:"key_leader,omitempty"` // cán bộ chủ chốt
	Leadership bool   `json:"leadership,omitempty" yaml:"leadership,omitempty"` // belongs to the unit's leadership collective
	// LeadershipSize is the size of the member's leadership collective, when Leadership is set.
	LeadershipSize int `json:"leadership_size,omitempty" yaml:"leadership_size,omitempty"`
	TripsThisYear  int `json:"trips_this_year,omitempty" yaml:"trips_this_year,omitempty"` // earlier trips abroad this year, if no history file is given
}

// Stop is the part of the trip spent in one country.
type Stop struct {
	Country  string    `json:"country" yaml:"country"`
	City     string    `json:"city,omitempty" yaml:"city,omitempty"`
	From     Date      `json:"from" yaml:"from"` // first working day there (travel excluded)
	To       Date      `json:"to" yaml:"to"`     // last working day there
	Partner  string    `json:"partner,omitempty" yaml:"partner,omitempty"`
	Sessions []Session `json:"sessions,omitempty" yaml:"sessions,omitempty"`
}

// Session is one working session of the programme.
type Session struct {
	Date    Date   `json:"date" yaml:"date"`
	Time    string `json:"time,omitempty" yaml:"time,omitempty"` // "08:30"
	Place   string `json:"place,omitempty" yaml:"place,omitempty"`
	Partner string `json:"partner,omitempty" yaml:"partner,omitempty"`
	Content string `json:"content" yaml:"content"`
	Done    string `json:"done,omitempty" yaml:"done,omitempty"` // after the trip: what was carried out
}

// Funding says who pays. Source is one of "state-budget", "unit", "host",
// "business", "foreign-loan", "sponsor", "mixed".
type Funding struct {
	Source string     `json:"source" yaml:"source"`
	Note   string     `json:"note,omitempty" yaml:"note,omitempty"`
	Items  []CostItem `json:"items,omitempty" yaml:"items,omitempty"`
}

// CostItem is one cost and who pays it (air fares, hotel, meals, visa).
type CostItem struct {
	Item    string  `json:"item" yaml:"item"`
	Payer   string  `json:"payer" yaml:"payer"`
	Planned float64 `json:"planned,omitempty" yaml:"planned,omitempty"` // VND
	Actual  float64 `json:"actual,omitempty" yaml:"actual,omitempty"`   // VND, after the trip
}

// TripReport is what the post-trip report states.
type TripReport struct {
	Date         Date     `json:"date" yaml:"date"`                             // date of the report
	Decision     string   `json:"decision,omitempty" yaml:"decision,omitempty"` // number of the decision that sent the delegation
	DecisionDate Date     `json:"decision_date" yaml:"decision_date"`
	Results      []string `json:"results" yaml:"results"`
	Commitments  []string `json:"commitments,omitempty" yaml:"commitments,omitempty"`
	Lessons      []string `json:"lessons,omitempty" yaml:"lessons,omitempty"`
	Proposals    []string `json:"proposals,omitempty" yaml:"proposals,omitempty"`
}

// PastTrip is a line of the year's register of delegations (TT 25/2025/TT-BGDĐT
// Phụ lục III), used to count each leader's trips in a year.
type PastTrip struct {
	Name      string   `json:"name" yaml:"name"`
	Members   []string `json:"members" yaml:"members"` // member names
	Countries []string `json:"countries" yaml:"countries"`
	Departure Date     `json:"departure" yaml:"departure"`
	Return    Date     `json:"return" yaml:"return"`
	Report    string   `json:"report,omitempty" yaml:"report,omitempty"` // the report's number, empty when none was sent
}

// Decider is the body that decides a trip and issues the decision sending the
// delegation: its header, its name in running text, the code of its numbers
// and who signs for it.
type Decider struct {
	ParentIssuer string `json:"parent_issuer,omitempty" yaml:"parent_issuer,omitempty"` // header line above the body, often none
	Issuer       string `json:"issuer" yaml:"issuer"`                                   // "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"
	Name         string `json:"name" yaml:"name"`                                       // "Ủy ban nhân dân tỉnh Quảng Ninh"
	Code         string `json:"code,omitempty" yaml:"code,omitempty"`                   // "UBND": "…/QĐ-UBND"
	Signer       Signer `json:"signer" yaml:"signer"`                                   // "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", name
}
