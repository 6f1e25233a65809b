package account_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"vanthu/account"
	"vanthu/corpus/memstore"
)

func newStore(t *testing.T) *account.Store {
	t.Helper()
	s, err := account.New(account.Config{Records: memstore.New(), Cost: bcrypt.MinCost,
		Now: func() time.Time { return time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestUsersLifecycle(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if any, _ := s.Any(ctx); any {
		t.Fatal("Any on an empty store")
	}
	if _, err := s.Add(ctx, "cli", account.User{Name: "Lan", FullName: "Trần Thị Lan", Role: account.Clerk}, "mật-khẩu-dài"); err != nil {
		t.Fatal(err)
	}
	if any, _ := s.Any(ctx); !any {
		t.Fatal("Any after Add")
	}
	if _, err := s.Add(ctx, "cli", account.User{Name: "lan", Role: account.Clerk}, "mật-khẩu-dài"); !errors.Is(err, account.ErrExists) {
		t.Errorf("second add = %v", err)
	}
	for _, bad := range []struct {
		u  account.User
		pw string
	}{
		{account.User{Name: "Nguyễn", Role: account.Clerk}, "12345678"},
		{account.User{Name: "x", Role: "boss"}, "12345678"},
		{account.User{Name: "y", Role: account.Clerk}, "short"},
	} {
		if _, err := s.Add(ctx, "cli", bad.u, bad.pw); !errors.Is(err, account.ErrInvalid) {
			t.Errorf("Add(%+v) = %v, want ErrInvalid", bad.u, err)
		}
	}
	if _, err := s.Authenticate(ctx, "lan", "mật-khẩu-dài"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "lan", "sai"); !errors.Is(err, account.ErrBadLogin) {
		t.Errorf("wrong password = %v", err)
	}
	if _, err := s.Authenticate(ctx, "nobody", "sai"); !errors.Is(err, account.ErrBadLogin) {
		t.Errorf("unknown user = %v", err)
	}
	tok, err := s.NewToken(ctx, "cli", "lan", "script")
	if err != nil {
		t.Fatal(err)
	}
	if u, err := s.ByToken(ctx, tok); err != nil || u.Name != "lan" {
		t.Errorf("ByToken = %v, %v", u.Name, err)
	}
	if _, err := s.ByToken(ctx, tok+"x"); !errors.Is(err, account.ErrBadLogin) {
		t.Errorf("ByToken(wrong) = %v", err)
	}
	if err := s.SetPassword(ctx, "cli", "lan", "mới-mới-mới"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "lan", "mật-khẩu-dài"); !errors.Is(err, account.ErrBadLogin) {
		t.Errorf("old password still works: %v", err)
	}
	if err := s.SetDisabled(ctx, "cli", "lan", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "lan", "mới-mới-mới"); !errors.Is(err, account.ErrDisabled) {
		t.Errorf("disabled login = %v", err)
	}
	if _, err := s.ByToken(ctx, tok); !errors.Is(err, account.ErrDisabled) {
		t.Errorf("disabled token = %v", err)
	}
	feed, _ := s.ResetFeed(ctx, "cli", "lan")
	s.SetDisabled(ctx, "cli", "lan", false)
	if u, err := s.ByFeed(ctx, feed); err != nil || u.Name != "lan" {
		t.Errorf("ByFeed = %v %v", u.Name, err)
	}
	feed2, _ := s.ResetFeed(ctx, "cli", "lan")
	if _, err := s.ByFeed(ctx, feed); err == nil || feed2 == feed {
		t.Error("old feed token still works after a reset")
	}
}

func TestMayDecide(t *testing.T) {
	appr := account.User{Name: "minh", FullName: "Lê Văn Minh", Role: account.Approver}
	if err := account.MayDecide(appr, "lan", []string{"Trần Thị Lan"}); err != nil {
		t.Errorf("approver on another's trip: %v", err)
	}
	if err := account.MayDecide(appr, "minh", nil); !errors.Is(err, account.ErrOwnTrip) {
		t.Errorf("own trip = %v", err)
	}
	if err := account.MayDecide(appr, "lan", []string{"LE VAN MINH"}); !errors.Is(err, account.ErrOwnTrip) {
		t.Errorf("travelling = %v", err)
	}
	if err := account.MayDecide(account.User{Name: "lan", Role: account.Clerk}, "x", nil); !errors.Is(err, account.ErrRole) {
		t.Errorf("clerk = %v", err)
	}
}

func TestSessions(t *testing.T) {
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	s := &account.Sessions{TTL: time.Hour, Now: func() time.Time { return now }}
	se, err := s.Create("lan")
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := s.Lookup(se.ID); !ok || got.User != "lan" || got.CSRF == "" {
		t.Fatalf("Lookup = %+v %v", got, ok)
	}
	now = now.Add(59 * time.Minute)
	if _, ok := s.Lookup(se.ID); !ok {
		t.Fatal("session ended while in use")
	}
	now = now.Add(61 * time.Minute)
	if _, ok := s.Lookup(se.ID); ok {
		t.Fatal("idle session still alive")
	}
	se, _ = s.Create("lan")
	s.EndUser("lan")
	if _, ok := s.Lookup(se.ID); ok {
		t.Fatal("EndUser left a session")
	}
}
