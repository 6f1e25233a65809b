package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"vanthu/corpus"
)

// Kind is the record kind of users.
const Kind = "user"

// Role is what a user may do.
type Role string

// The roles, least trusted first.
const (
	Clerk    Role = "clerk"
	Approver Role = "approver"
	Admin    Role = "admin"
)

var rank = map[Role]int{Clerk: 1, Approver: 2, Admin: 3}

// ParseRole reads a role name (English or Vietnamese).
func ParseRole(s string) (Role, error) {
	switch corpus.FoldLower(strings.TrimSpace(s)) {
	case "clerk", "chuyen vien", "van thu":
		return Clerk, nil
	case "approver", "lanh dao", "phe duyet":
		return Approver, nil
	case "admin", "quan tri":
		return Admin, nil
	}
	return "", fmt.Errorf("%w: vai trò %q không có: clerk, approver hoặc admin", ErrInvalid, s)
}

// At least reports whether r is at least as trusted as min.
func (r Role) AtLeast(min Role) bool { return rank[r] >= rank[min] }

// Errors of the package.
var (
	ErrInvalid  = errors.New("account: invalid")
	ErrNotFound = errors.New("account: no such user")
	ErrExists   = errors.New("account: user already exists")
	ErrBadLogin = errors.New("account: wrong name or password")
	ErrDisabled = errors.New("account: user disabled")
	ErrRole     = errors.New("account: not allowed for this role")
	ErrOwnTrip  = errors.New("account: an approver cannot decide a trip they filed or travel on")
)

// Token is an API token's hash and label.
type Token struct {
	Label   string    `json:"label"`
	SHA256  string    `json:"sha256"`
	Created time.Time `json:"created"`
}

// User is one account. Its JSON is the record's data.
type User struct {
	Name     string  `json:"name"`            // the login, lower case
	FullName string  `json:"full_name"`       // as on a trip's member list ("Nguyễn Văn An")
	Email    string  `json:"email,omitempty"` // where the saved searches' digests go
	Role     Role    `json:"role"`
	Disabled bool    `json:"disabled,omitempty"`
	Password string  `json:"password"` // bcrypt hash
	Tokens   []Token `json:"tokens,omitempty"`
	// Feed is the SHA-256 of the feed token (the secret in the Atom feed's
	// address); "" when none was issued.
	Feed string `json:"feed,omitempty"`
}

// Public is the user without its secrets, for listings.
type Public struct {
	Name     string `json:"name"`
	FullName string `json:"full_name"`
	Role     Role   `json:"role"`
	Disabled bool   `json:"disabled"`
	Tokens   int    `json:"tokens"`
	Email    string `json:"email,omitempty"`
}

// Public returns what may be shown of u.
func (u User) Public() Public {
	return Public{Name: u.Name, FullName: u.FullName, Role: u.Role, Disabled: u.Disabled, Tokens: len(u.Tokens), Email: u.Email}
}

// Config configures a Store.
type Config struct {
	Records corpus.RecordStore // required
	Now     func() time.Time   // nil: time.Now
	// Cost is bcrypt's cost; 0 means bcrypt.DefaultCost (tests use
	// bcrypt.MinCost).
	Cost int
}

// Store keeps users as records.
type Store struct {
	rs   corpus.RecordStore
	now  func() time.Time
	cost int
	// dummy is a hash compared against when the name is unknown, so that a
	// wrong name takes as long as a wrong password.
	dummy []byte
}

// New returns a Store over cfg.Records.
func New(cfg Config) (*Store, error) {
	if cfg.Records == nil {
		return nil, errors.New("account: no record store")
	}
	s := &Store{rs: cfg.Records, now: cfg.Now, cost: cfg.Cost}
	if s.now == nil {
		s.now = time.Now
	}
	if s.cost == 0 {
		s.cost = bcrypt.DefaultCost
	}
	d, err := bcrypt.GenerateFromPassword([]byte("vanthu-dummy"), s.cost)
	if err != nil {
		return nil, fmt.Errorf("account: %w", err)
	}
	s.dummy = d
	return s, nil
}

// MinPassword is the shortest password accepted.
const MinPassword = 8

func normName(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// Any reports whether at least one user exists (enabled or not).
func (s *Store) Any(ctx context.Context) (bool, error) {
	found := false
	err := s.rs.EachRecord(ctx, Kind, func(corpus.Record) error { found = true; return errStop })
	if errors.Is(err, errStop) {
		err = nil
	}
	return found, err
}

var errStop = errors.New("stop")

// Get returns a user by login name.
func (s *Store) Get(ctx context.Context, name string) (User, error) {
	u, _, err := s.get(ctx, name)
	return u, err
}

func (s *Store) get(ctx context.Context, name string) (User, int, error) {
	r, err := s.rs.GetRecord(ctx, Kind, normName(name))
	if errors.Is(err, corpus.ErrNotFound) {
		return User{}, 0, fmt.Errorf("%w: %q", ErrNotFound, name)
	}
	if err != nil {
		return User{}, 0, fmt.Errorf("account: %w", err)
	}
	var u User
	if err := json.Unmarshal(r.Data, &u); err != nil {
		return User{}, 0, fmt.Errorf("account: user %q: %w", name, err)
	}
	return u, r.Version, nil
}

// List returns every user in name order.
func (s *Store) List(ctx context.Context) ([]User, error) {
	var out []User
	err := s.rs.EachRecord(ctx, Kind, func(r corpus.Record) error {
		var u User
		if err := json.Unmarshal(r.Data, &u); err != nil {
			return fmt.Errorf("account: user %q: %w", r.ID, err)
		}
		out = append(out, u)
		return nil
	})
	return out, err
}

func (s *Store) put(ctx context.Context, actor, note string, u User, expect int) error {
	b, err := json.Marshal(u)
	if err != nil {
		return fmt.Errorf("account: %w", err)
	}
	_, _, err = s.rs.PutRecord(ctx, corpus.Record{Kind: Kind, ID: u.Name, Author: actor, Time: s.now(), Note: note, Data: b}, expect)
	if errors.Is(err, corpus.ErrConflict) && expect == 0 {
		return fmt.Errorf("%w: %q", ErrExists, u.Name)
	}
	if err != nil {
		return fmt.Errorf("account: user %q: %w", u.Name, err)
	}
	return nil
}

// Add creates a user with a password.
func (s *Store) Add(ctx context.Context, actor string, u User, password string) (User, error) {
	u.Name = normName(u.Name)
	if !validName(u.Name) {
		return u, fmt.Errorf("%w: tên đăng nhập %q: chỉ chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang", ErrInvalid, u.Name)
	}
	if _, ok := rank[u.Role]; !ok {
		return u, fmt.Errorf("%w: vai trò %q không có: clerk, approver hoặc admin", ErrInvalid, u.Role)
	}
	u.FullName = strings.TrimSpace(u.FullName)
	h, err := s.hash(password)
	if err != nil {
		return u, err
	}
	u.Password, u.Disabled, u.Tokens, u.Feed = h, false, nil, ""
	return u, s.put(ctx, actor, "tạo tài khoản", u, 0)
}

func (s *Store) hash(password string) (string, error) {
	if len([]rune(password)) < MinPassword {
		return "", fmt.Errorf("%w: mật khẩu cần ít nhất %d ký tự", ErrInvalid, MinPassword)
	}
	if len(password) > 72 {
		return "", fmt.Errorf("%w: mật khẩu dài quá 72 byte", ErrInvalid)
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return "", fmt.Errorf("account: %w", err)
	}
	return string(h), nil
}

// Update changes a user with fn, as a new version of its record.
func (s *Store) Update(ctx context.Context, actor, name, note string, fn func(*User) error) (User, error) {
	u, v, err := s.get(ctx, name)
	if err != nil {
		return u, err
	}
	if err := fn(&u); err != nil {
		return u, err
	}
	return u, s.put(ctx, actor, note, u, v)
}

// SetPassword replaces a user's password.
func (s *Store) SetPassword(ctx context.Context, actor, name, password string) error {
	h, err := s.hash(password)
	if err != nil {
		return err
	}
	_, err = s.Update(ctx, actor, name, "đổi mật khẩu", func(u *User) error { u.Password = h; return nil })
	return err
}

// SetDisabled disables or enables a user; a disabled user cannot log in and
// its tokens stop working.
func (s *Store) SetDisabled(ctx context.Context, actor, name string, disabled bool) error {
	note := "khoá tài khoản"
	if !disabled {
		note = "mở lại tài khoản"
	}
	_, err := s.Update(ctx, actor, name, note, func(u *User) error { u.Disabled = disabled; return nil })
	return err
}

// Authenticate checks a name and password.
func (s *Store) Authenticate(ctx context.Context, name, password string) (User, error) {
	u, err := s.Get(ctx, name)
	if errors.Is(err, ErrNotFound) {
		_ = bcrypt.CompareHashAndPassword(s.dummy, []byte(password))
		return User{}, ErrBadLogin
	}
	if err != nil {
		return User{}, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.Password), []byte(password)) != nil {
		return User{}, ErrBadLogin
	}
	if u.Disabled {
		return User{}, fmt.Errorf("%w: %q", ErrDisabled, u.Name)
	}
	return u, nil
}

// Secret returns a new random secret, URL-safe.
func Secret() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("account: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func tokenHash(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

// NewToken issues an API token for a user, returned once: only its hash is
// kept.
func (s *Store) NewToken(ctx context.Context, actor, name, label string) (string, error) {
	t, err := Secret()
	if err != nil {
		return "", err
	}
	t = "vt_" + t
	_, err = s.Update(ctx, actor, name, "cấp mã API "+label, func(u *User) error {
		u.Tokens = append(u.Tokens, Token{Label: label, SHA256: tokenHash(t), Created: s.now().UTC()})
		return nil
	})
	return t, err
}

// ResetFeed issues a new feed token for a user (the old one stops working).
func (s *Store) ResetFeed(ctx context.Context, actor, name string) (string, error) {
	t, err := Secret()
	if err != nil {
		return "", err
	}
	_, err = s.Update(ctx, actor, name, "cấp mã nguồn tin mới", func(u *User) error { u.Feed = tokenHash(t); return nil })
	return t, err
}

// ByToken finds the enabled user holding an API token.
func (s *Store) ByToken(ctx context.Context, token string) (User, error) {
	return s.find(ctx, token, func(u User, h string) bool {
		return slices.ContainsFunc(u.Tokens, func(t Token) bool { return subtle.ConstantTimeCompare([]byte(t.SHA256), []byte(h)) == 1 })
	})
}

// ByFeed finds the enabled user whose feed token this is.
func (s *Store) ByFeed(ctx context.Context, token string) (User, error) {
	return s.find(ctx, token, func(u User, h string) bool {
		return u.Feed != "" && subtle.ConstantTimeCompare([]byte(u.Feed), []byte(h)) == 1
	})
}

func (s *Store) find(ctx context.Context, token string, ok func(User, string) bool) (User, error) {
	if token == "" {
		return User{}, ErrBadLogin
	}
	h := tokenHash(token)
	us, err := s.List(ctx)
	if err != nil {
		return User{}, err
	}
	for _, u := range us {
		if ok(u, h) {
			if u.Disabled {
				return User{}, fmt.Errorf("%w: %q", ErrDisabled, u.Name)
			}
			return u, nil
		}
	}
	return User{}, ErrBadLogin
}

// MayDecide says whether u may move a trip to approved or refused: u must be
// an approver (or admin), and neither the one who filed the trip (creator,
// a login name) nor one of its travellers (names as on the member list,
// compared without regard to case or diacritics with u's full name).
func MayDecide(u User, creator string, travellers []string) error {
	if !u.Role.AtLeast(Approver) {
		return fmt.Errorf("%w: %s là %s, chỉ người phê duyệt (approver) được duyệt hoặc từ chối chuyến đi", ErrRole, u.Name, u.Role)
	}
	if normName(creator) == u.Name {
		return fmt.Errorf("%w: %s đã vào sổ chuyến đi này", ErrOwnTrip, u.Name)
	}
	if u.FullName != "" {
		me := corpus.MatchKey(u.FullName)
		for _, t := range travellers {
			if corpus.MatchKey(t) == me {
				return fmt.Errorf("%w: %s (%s) có tên trong đoàn", ErrOwnTrip, u.Name, u.FullName)
			}
		}
	}
	return nil
}
