package natsstore

import (
	"maps"
	"slices"

	"vanthu/corpus"
)

// cloneDoc returns a deep copy of d: no slice, map or pointer is shared,
// so the caller may change what it passed in or got back.
func cloneDoc(d corpus.Document) corpus.Document {
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
	d.Source = cloneVersion(d.Source)
	if d.Versions != nil {
		vs := make([]corpus.Version, len(d.Versions))
		for i, v := range d.Versions {
			vs[i] = cloneVersion(v)
		}
		d.Versions = vs
	}
	return d
}

func cloneVersion(v corpus.Version) corpus.Version {
	v.Warnings = slices.Clone(v.Warnings)
	if v.Pages != nil {
		ps := make([]corpus.Page, len(v.Pages))
		for i, p := range v.Pages {
			p.Warnings = slices.Clone(p.Warnings)
			ps[i] = p
		}
		v.Pages = ps
	}
	return v
}
