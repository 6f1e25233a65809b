package check

import (
	"bytes"
	"embed"
	"fmt"

	"gopkg.in/yaml.v3"

	"vanthu/corpus"
)

//go:embed hosts/host-holidays.yaml
var shippedHosts embed.FS

type hostFile []struct {
	Country  string   `yaml:"country"`
	Aliases  []string `yaml:"aliases"`
	Holidays []struct {
		Name      string `yaml:"name"`
		Source    string `yaml:"source"`
		EveryYear *struct {
			From string `yaml:"from"`
			To   string `yaml:"to"`
		} `yaml:"every_year"`
		LunarNewYear *struct {
			Before int `yaml:"before"`
			After  int `yaml:"after"`
		} `yaml:"lunar_new_year"`
		From corpus.Date `yaml:"from"`
		To   corpus.Date `yaml:"to"`
	} `yaml:"holidays"`
}

// countries maps accent-free country names and aliases to the table's name.
type countries map[string]string

func (c countries) key(name string) string {
	k := corpus.MatchKey(name)
	if v, ok := c[k]; ok {
		return v
	}
	return k
}

func loadHosts() (hf hostFile, cs countries, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &RuleDataError{File: "hosts/host-holidays.yaml", Msg: fmt.Sprintf("decoder panic: %v", r)}
		}
	}()
	b, err := shippedHosts.ReadFile("hosts/host-holidays.yaml")
	if err != nil {
		return nil, nil, fmt.Errorf("check: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&hf); err != nil {
		return nil, nil, &RuleDataError{File: "hosts/host-holidays.yaml", Msg: err.Error()}
	}
	cs = countries{}
	for _, c := range hf {
		cs[corpus.MatchKey(c.Country)] = c.Country
		for _, a := range c.Aliases {
			cs[corpus.MatchKey(a)] = c.Country
		}
	}
	return hf, cs, nil
}

// HostHolidays returns the shipped table of the host countries' holidays and
// elections for the given years, keyed by the country's Vietnamese name
// ("Nhật Bản"). Run matches a stop's country to a key ignoring accents and
// case, through the table's aliases ("Japan", "Nhật").
func HostHolidays(years ...int) (map[string][]DateRange, error) {
	hf, _, err := loadHosts()
	if err != nil {
		return nil, err
	}
	return hf.expand(years)
}

func (hf hostFile) expand(years []int) (map[string][]DateRange, error) {
	out := map[string][]DateRange{}
	for _, c := range hf {
		for _, h := range c.Holidays {
			switch {
			case h.EveryYear != nil:
				fm, fd, ok1 := monthDay(h.EveryYear.From)
				tm, td, ok2 := monthDay(h.EveryYear.To)
				if !ok1 || !ok2 {
					return nil, &RuleDataError{File: "hosts/host-holidays.yaml", Msg: fmt.Sprintf("%s: bad every_year range", h.Name)}
				}
				for _, y := range years {
					f, okf := corpus.NewDate(y, fm, fd)
					t, okt := corpus.NewDate(y, tm, td)
					if okf && okt {
						out[c.Country] = append(out[c.Country], DateRange{From: f, To: t, Name: h.Name, Source: h.Source})
					}
				}
			case h.LunarNewYear != nil:
				for _, y := range years {
					if tet, ok := TetDate(y); ok {
						out[c.Country] = append(out[c.Country], DateRange{From: add(tet, -h.LunarNewYear.Before),
							To: add(tet, h.LunarNewYear.After), Name: h.Name, Source: h.Source})
					}
				}
			default:
				for _, y := range years {
					if h.From.Year == y {
						out[c.Country] = append(out[c.Country], DateRange{From: h.From, To: h.To, Name: h.Name, Source: h.Source})
					}
				}
			}
		}
	}
	return out, nil
}
