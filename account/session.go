package account

import (
	"sync"
	"time"
)

// Session is one logged-in browser.
type Session struct {
	ID      string
	User    string // login name
	CSRF    string // the token every form of this session returns
	Expires time.Time
}

// Sessions keeps sessions in memory, safe for concurrent use.
type Sessions struct {
	TTL time.Duration    // idle time before a session ends; 0 means 8 hours
	Now func() time.Time // nil: time.Now

	mu sync.Mutex
	m  map[string]Session
}

func (s *Sessions) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

func (s *Sessions) ttl() time.Duration {
	if s.TTL <= 0 {
		return 8 * time.Hour
	}
	return s.TTL
}

// Create starts a session for a user.
func (s *Sessions) Create(user string) (Session, error) {
	id, err := Secret()
	if err != nil {
		return Session{}, err
	}
	csrf, err := Secret()
	if err != nil {
		return Session{}, err
	}
	se := Session{ID: id, User: user, CSRF: csrf, Expires: s.now().Add(s.ttl())}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]Session{}
	}
	now := s.now()
	for k, v := range s.m { // forget expired sessions as new ones come
		if now.After(v.Expires) {
			delete(s.m, k)
		}
	}
	s.m[id] = se
	return se, nil
}

// Lookup returns a live session and extends it.
func (s *Sessions) Lookup(id string) (Session, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	se, ok := s.m[id]
	if !ok || id == "" {
		return Session{}, false
	}
	if s.now().After(se.Expires) {
		delete(s.m, id)
		return Session{}, false
	}
	se.Expires = s.now().Add(s.ttl())
	s.m[id] = se
	return se, true
}

// Delete ends a session.
func (s *Sessions) Delete(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, id)
}

// EndUser ends every session of a user (disabled, new password).
func (s *Sessions) EndUser(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range s.m {
		if v.User == user {
			delete(s.m, k)
		}
	}
}
