package corpus

import (
	"maps"
	"slices"
)

// Clone returns a deep copy of d: no slice, map or pointer is shared, so a
// store may keep what it was given, or hand out what it keeps, while the
// caller changes its own copy.
func (d Document) Clone() Document {
	d.Recipients = slices.Clone(d.Recipients)
	d.CC = slices.Clone(d.CC)
	d.Citations = slices.Clone(d.Citations)
	d.Rules = slices.Clone(d.Rules)
	d.Spans = maps.Clone(d.Spans)
	d.FieldSources = maps.Clone(d.FieldSources)
	d.Attrs = maps.Clone(d.Attrs)
	if d.ESign != nil {
		e := *d.ESign
		d.ESign = &e
	}
	if d.Incoming != nil {
		in := *d.Incoming
		d.Incoming = &in
	}
	d.Source = d.Source.Clone()
	if d.Versions != nil {
		vs := make([]Version, len(d.Versions))
		for i, v := range d.Versions {
			vs[i] = v.Clone()
		}
		d.Versions = vs
	}
	return d
}

// Clone returns a deep copy of v.
func (v Version) Clone() Version {
	v.Warnings = slices.Clone(v.Warnings)
	if v.Pages != nil {
		ps := make([]Page, len(v.Pages))
		for i, p := range v.Pages {
			p.Warnings = slices.Clone(p.Warnings)
			ps[i] = p
		}
		v.Pages = ps
	}
	if v.Signature != nil {
		s := *v.Signature
		s.Signatures = slices.Clone(s.Signatures)
		v.Signature = &s
	}
	return v
}
