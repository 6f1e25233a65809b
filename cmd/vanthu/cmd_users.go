package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"vanthu/account"
	"vanthu/corpus"
)

func init() {
	register(command{"users", "the office's accounts and roles: add, list, disable, enable, passwd, email, token, feed", runUsers})
}

const usersUsage = "users needs a subcommand: add NAME --role clerk|approver|admin [--full-name \"Họ Tên\"], list, disable NAME, enable NAME, passwd NAME, email NAME --email ADDR, token NAME [--label L], feed NAME (passwords are read from standard input)"

func runUsers(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef(usersUsage)
	}
	sub, args := args[0], args[1:]
	fs, c := newFlags(e, "users "+sub, "NAME [flags]")
	role := fs.String("role", "clerk", "add: the role: clerk (search, draft, file, correct), approver (also approves and refuses trips), admin (also users, rule sets, sources)")
	full := fs.String("full-name", "", "add: the name as written on a trip's member list (an approver never decides a trip they travel on)")
	label := fs.String("label", "script", "token: what the API token is for")
	email := fs.String("email", "", "add, email: the address the saved searches' digests go to (`vanthu watch mail`)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	// The password is read once, here, so that a command forwarded to a
	// running `vanthu serve` (which holds the data directory) carries it.
	var password string
	needPassword := sub == "add" || sub == "passwd"
	if needPassword {
		if password, err = readPassword(e); err != nil {
			return err
		}
	}
	write := sub != "list"
	var rs corpus.RecordStore
	if sa := sharedApp(ctx); sa != nil && sa.records != nil {
		rs = sa.records
	} else {
		fctx := ctx
		if needPassword {
			fctx = withForwardedStdin(ctx, password+"\n")
		}
		if write {
			if err := forward(fctx, e, c.data, append([]string{"users", sub}, args...)); !errors.Is(err, errNoHolder) {
				return err
			}
		}
		var closeFn func()
		rs, closeFn, err = openRecords(e, c.data, write)
		if errors.Is(err, corpus.ErrNotFound) && sub == "list" {
			return listUsers(e, c, nil)
		}
		if err != nil {
			return err
		}
		defer closeFn()
	}
	accts, err := account.New(account.Config{Records: rs})
	if err != nil {
		return err
	}
	who := cliActor(e)
	name := ""
	if sub != "list" {
		if len(pos) != 1 {
			return usagef("users %s needs one login name", sub)
		}
		name = pos[0]
	}
	switch sub {
	case "list":
		us, err := accts.List(ctx)
		if err != nil {
			return err
		}
		return listUsers(e, c, us)
	case "add":
		r, err := account.ParseRole(*role)
		if err != nil {
			return &usageError{err.Error()}
		}
		u, err := accts.Add(ctx, who, account.User{Name: name, FullName: *full, Role: r, Email: *email}, password)
		if err != nil {
			return userErr(err)
		}
		fmt.Fprintf(e.stdout, "đã tạo tài khoản %s (%s)\n", u.Name, u.Role)
	case "email":
		if err := setEmail(ctx, accts, who, name, *email); err != nil {
			return userErr(err)
		}
		fmt.Fprintf(e.stdout, "%s: địa chỉ thư %q\n", name, *email)
	case "disable", "enable":
		if err := accts.SetDisabled(ctx, who, name, sub == "disable"); err != nil {
			return userErr(err)
		}
		fmt.Fprintf(e.stdout, "%s: %s\n", name, map[bool]string{true: "đã khoá", false: "đã mở lại"}[sub == "disable"])
	case "passwd":
		if err := accts.SetPassword(ctx, who, name, password); err != nil {
			return userErr(err)
		}
		fmt.Fprintf(e.stdout, "%s: đã đổi mật khẩu\n", name)
	case "token":
		t, err := accts.NewToken(ctx, who, name, *label)
		if err != nil {
			return userErr(err)
		}
		fmt.Fprintf(e.stderr, "mã API của %s (chỉ hiện một lần; gửi kèm Authorization: Bearer ...):\n", name)
		fmt.Fprintln(e.stdout, t)
	case "feed":
		t, err := accts.ResetFeed(ctx, who, name)
		if err != nil {
			return userErr(err)
		}
		fmt.Fprintf(e.stderr, "nguồn tin Atom của %s (địa chỉ cũ hết hiệu lực):\n", name)
		fmt.Fprintf(e.stdout, "/feeds/%s.atom\n", t)
	default:
		return usagef("unknown users subcommand %q: %s", sub, usersUsage)
	}
	return nil
}

func listUsers(e *env, c *common, us []account.User) error {
	if c.json {
		out := make([]account.Public, 0, len(us))
		for _, u := range us {
			out = append(out, u.Public())
		}
		return encodeJSON(e.stdout, out)
	}
	if len(us) == 0 {
		fmt.Fprintln(e.stdout, "chưa có tài khoản: tạo quản trị viên đầu tiên bằng `vanthu users add TÊN --role admin` (mật khẩu đọc từ đầu vào chuẩn)")
		return nil
	}
	for _, u := range us {
		state := ""
		if u.Disabled {
			state = " (đã khoá)"
		}
		fmt.Fprintf(e.stdout, "%-16s %-9s %s%s\n", u.Name, u.Role, u.FullName, state)
	}
	return nil
}

// readPassword reads the password from the first line of standard input
// (`echo ... | vanthu users add`, or typed at the prompt).
func readPassword(e *env) (string, error) {
	if e.stdin == nil {
		return "", usagef("give the password on standard input")
	}
	if isTerminal(e.stderr) {
		fmt.Fprint(e.stderr, "Mật khẩu (ít nhất 8 ký tự): ")
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		if err != nil {
			return "", usagef("no password on standard input: %v", err)
		}
		return "", usagef("empty password")
	}
	return line, nil
}

// userErr turns the account package's errors into exit statuses: bad
// input and unknown users are usage errors (2).
func userErr(err error) error {
	if errors.Is(err, account.ErrInvalid) || errors.Is(err, account.ErrNotFound) || errors.Is(err, account.ErrExists) {
		return &usageError{err.Error()}
	}
	return err
}

func setEmail(ctx context.Context, accts *account.Store, who, name, email string) error {
	if strings.ContainsAny(email, " \r\n") || (email != "" && !strings.Contains(email, "@")) {
		return fmt.Errorf("%w: địa chỉ thư %q", account.ErrInvalid, email)
	}
	_, err := accts.Update(ctx, who, name, "đổi địa chỉ thư", func(u *account.User) error { u.Email = email; return nil })
	return err
}
