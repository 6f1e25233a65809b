package trip

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decode fills v (a pointer) from b, strictly: unknown fields are errors.
// The format follows the name's extension; without one, text starting with
// "{" or "[" is JSON.
func decode(b []byte, name string, v any) (err error) {
	defer func() {
		// yaml.v3 recovers its own panics, but a panic in a TextUnmarshaler or
		// a future decoder bug must not cross the package boundary.
		if r := recover(); r != nil {
			err = &ParseError{Name: name, Msg: fmt.Sprintf("decoder panic: %v", r)}
		}
	}()
	if len(bytes.TrimSpace(b)) == 0 {
		return &ParseError{Name: name, Msg: "empty file"}
	}
	if isJSON(b, name) {
		return decodeJSON(b, name, v)
	}
	return decodeYAML(b, name, v)
}

func isJSON(b []byte, name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return true
	case ".yaml", ".yml":
		return false
	}
	t := bytes.TrimLeft(b, " \t\r\n\ufeff")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func decodeYAML(b []byte, name string, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return &ParseError{Name: name, Msg: "empty document"}
		}
		return yamlError(b, name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return &ParseError{Name: name, Line: extra.Line, Msg: "more than one YAML document (\"---\"): a file holds one trip"}
	}
	return nil
}

// yamlError turns a yaml.v3 error into a ParseError with the line of the first
// problem. Type errors carry "line N: ..." per field; errors returned by
// UnmarshalText (a bad date) carry no line, so the offending value is looked
// up in the text.
func yamlError(b []byte, name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = strings.Join(te.Errors, "; ")
	}
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(msg, m[0]), ":"))
	} else if q := quoted(msg); q != "" {
		line = lineOf(b, q)
	}
	return &ParseError{Name: name, Line: line, Msg: msg, Err: err}
}

func decodeJSON(b []byte, name string, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(b, name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &ParseError{Name: name, Line: lineAt(b, int(dec.InputOffset())), Msg: "data after the JSON value"}
	}
	return nil
}

func jsonError(b []byte, name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "json: ")
	var se *json.SyntaxError
	var ute *json.UnmarshalTypeError
	line := 0
	switch {
	case errors.As(err, &se):
		line = lineAt(b, int(se.Offset))
	case errors.As(err, &ute):
		line = lineAt(b, int(ute.Offset))
		// The decoder's text names Go types ("Go struct field Trip.name");
		// the person wrote a file, so say it in the file's terms.
		msg = fmt.Sprintf("%s: want %s, got %s", ute.Field, jsonKind(ute.Type), ute.Value)
	case strings.HasPrefix(msg, "unknown field "):
		if q := quoted(msg); q != "" {
			line = lineOf(b, `"`+q+`"`)
		}
	case errors.Is(err, io.ErrUnexpectedEOF):
		line = lineAt(b, len(b))
	default:
		if q := quoted(msg); q != "" {
			line = lineOf(b, q)
		}
	}
	return &ParseError{Name: name, Line: line, Msg: msg, Err: err}
}

var quotedRe = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)

// quoted returns the first double-quoted value in an error message.
func quoted(msg string) string {
	m := quotedRe.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	if s, err := strconv.Unquote(`"` + m[1] + `"`); err == nil {
		return s
	}
	return m[1]
}

// lineAt is the 1-based line of byte offset off.
func lineAt(b []byte, off int) int {
	if off > len(b) {
		off = len(b)
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// lineOf is the line of the first occurrence of s, or 0.
func lineOf(b []byte, s string) int {
	if s == "" {
		return 0
	}
	i := bytes.Index(b, []byte(s))
	if i < 0 {
		return 0
	}
	return lineAt(b, i)
}

// jsonKind names a Go type as JSON does.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a " + t.Kind().String()
}
