package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"vanthu/corpus"
	"vanthu/corpus/filestore"
	"vanthu/corpus/natsstore"
)

func init() {
	register(command{"migrate", "copy a data directory into a NATS cluster (--to URL) or back (--from URL), verified by counts and hashes", runMigrate})
}

// ErrMigrateMismatch is returned when the copy does not hold what the source
// holds.
var ErrMigrateMismatch = errors.New("the copy differs from the source")

// storeCopy is one side of a migration: a store that keeps records too, and
// how to list the kinds of its records.
type storeCopy interface {
	corpus.Store
	corpus.RecordStore
}

func runMigrate(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "migrate", "--to nats://HOST:PORT | --from nats://HOST:PORT [--data DIR]")
	to := fs.String("to", "", "copy the data directory into the NATS cluster at this URL")
	from := fs.String("from", "", "copy the corpus of the NATS cluster at this URL into the data directory")
	replicas := fs.Int("replicas", 0, "copies kept by the cluster (default 3 on a cluster, 1 on one server)")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if (*to == "") == (*from == "") {
		return usagef("migrate needs one of --to URL or --from URL")
	}
	url := *to + *from
	conn, err := connectNATS(ctx, e, c.data, natsFlags{url: url, replicas: *replicas})
	if err != nil {
		return err
	}
	defer conn.Close()
	ns, _, err := openCluster(ctx, conn)
	if err != nil {
		return err
	}
	defer ns.Close()
	cdir := filepath.Join(c.data, corpusDir)
	if *to != "" {
		if _, err := os.Stat(cdir); err != nil {
			return usagef("no corpus in %s (chưa có kho văn bản)", c.data)
		}
	}
	cfg := filestore.DefaultConfig()
	cfg.Dir = cdir
	cfg.ReadOnly = *to != ""
	var fst *filestore.Store
	if *to != "" {
		fst, err = filestore.Open(cfg)
	} else {
		fst, err = openStoreForWriting(ctx, e, c.data, cfg, "migrate", true)
	}
	if err != nil {
		return fmt.Errorf("open corpus: %w", err)
	}
	defer fst.Close()
	fileKinds := func(context.Context) ([]string, error) { return dirKinds(filepath.Join(cdir, "records")) }
	var src, dst storeCopy = fst, ns
	srcKinds, dstName := fileKinds, url
	if *from != "" {
		src, dst, srcKinds, dstName = ns, fst, ns.RecordKinds, c.data
	}
	n, err := copyStore(ctx, src, dst, srcKinds)
	if err != nil {
		return err
	}
	if err := verifyCopy(ctx, src, dst, srcKinds); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "migrate: %d document(s) to %s: %d version(s) and %d record version(s) copied, %d version(s) already there; verified: counts, every document's versions and the sha256 of every original\n",
		n.docs, dstName, n.versions, n.records, n.same)
	if *from != "" {
		fmt.Fprintln(e.stdout, "migrate: run `vanthu reindex` to build this data directory's search index")
	}
	return nil
}

func dirKinds(dir string) ([]string, error) {
	es, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range es {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

type copied struct{ docs, versions, same, records int }

// copyStore puts every version of every document of src into dst, oldest
// first, each with its own original and text, then every version of every
// record. Puts are idempotent: a migration run again copies nothing twice.
func copyStore(ctx context.Context, src, dst storeCopy, kinds func(context.Context) ([]string, error)) (copied, error) {
	var n copied
	err := src.Each(ctx, func(d corpus.Document) error {
		for _, v := range d.Versions {
			b, err := readOriginal(ctx, src, v.SHA256)
			if err != nil {
				return fmt.Errorf("%s: %w", d.ID, err)
			}
			text, err := src.VersionText(ctx, v.SHA256)
			if err != nil {
				return fmt.Errorf("%s: text of %s: %w", d.ID, v.SHA256, err)
			}
			vd := d
			vd.Source, vd.Versions, vd.Text = v, nil, text
			if corpus.DocID(&vd) != d.ID {
				// Versions joined to this document under its id (Identity).
				vd.Identity = d.ID
			}
			res, err := dst.Put(ctx, b, vd)
			if err != nil {
				return fmt.Errorf("%s: %w", d.ID, err)
			}
			if res.ID != d.ID {
				return fmt.Errorf("%s was stored as %s: %w", d.ID, res.ID, ErrMigrateMismatch)
			}
			if res.Status == corpus.PutUnchanged {
				n.same++
			} else {
				n.versions++
			}
		}
		n.docs++
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("migrate: %w", err)
	}
	ks, err := kinds(ctx)
	if err != nil {
		return n, fmt.Errorf("migrate: record kinds: %w", err)
	}
	for _, kind := range ks {
		err := src.EachRecord(ctx, kind, func(cur corpus.Record) error {
			vs, err := src.RecordVersions(ctx, kind, cur.ID)
			if err != nil {
				return err
			}
			have, err := dst.RecordVersions(ctx, kind, cur.ID)
			if err != nil && !errors.Is(err, corpus.ErrNotFound) {
				return err
			}
			// A migration run again finds the versions it copied.
			for i, r := range vs {
				if i < len(have) {
					if have[i].SHA256 != r.SHA256 {
						return fmt.Errorf("%s %q version %d differs in the copy: %w", kind, r.ID, i+1, ErrMigrateMismatch)
					}
					continue
				}
				if _, _, err := dst.PutRecord(ctx, r, i); err != nil {
					return fmt.Errorf("%s %q version %d: %w", kind, r.ID, i+1, err)
				}
				n.records++
			}
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("migrate: %w", err)
		}
	}
	return n, nil
}

func readOriginal(ctx context.Context, st corpus.Store, sha string) ([]byte, error) {
	rc, err := st.Original(ctx, sha)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// verifyCopy checks that dst holds what src holds: as many documents, each
// with the same versions (by sha256), text and metadata, every original
// whose bytes hash to its name, and the same records.
func verifyCopy(ctx context.Context, src, dst storeCopy, kinds func(context.Context) ([]string, error)) error {
	ns, err := src.Len(ctx)
	if err != nil {
		return err
	}
	nd, err := dst.Len(ctx)
	if err != nil {
		return err
	}
	if nd < ns {
		return fmt.Errorf("migrate: the copy holds %d documents, the source %d: %w", nd, ns, ErrMigrateMismatch)
	}
	err = src.Each(ctx, func(d corpus.Document) error {
		c, err := dst.Get(ctx, d.ID)
		if err != nil {
			return err
		}
		if !slices.Equal(shas(d.Versions), shas(c.Versions)) || c.Text != d.Text || c.Number != d.Number || c.Title != d.Title || c.Date != d.Date {
			return fmt.Errorf("%s: %w", d.ID, ErrMigrateMismatch)
		}
		for _, v := range c.Versions {
			b, err := readOriginal(ctx, dst, v.SHA256)
			if err != nil {
				return fmt.Errorf("%s: %w", d.ID, err)
			}
			if corpus.SHA256(b) != v.SHA256 {
				return fmt.Errorf("%s: original %s: %w", d.ID, v.SHA256, ErrMigrateMismatch)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("migrate: verify: %w", err)
	}
	ks, err := kinds(ctx)
	if err != nil {
		return err
	}
	for _, kind := range ks {
		err := src.EachRecord(ctx, kind, func(r corpus.Record) error {
			c, err := dst.GetRecord(ctx, kind, r.ID)
			if err != nil {
				return err
			}
			if c.SHA256 != r.SHA256 || c.Version != r.Version {
				return fmt.Errorf("%s %q: version %d (%s), source %d (%s): %w", kind, r.ID, c.Version, c.SHA256, r.Version, r.SHA256, ErrMigrateMismatch)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("migrate: verify: %w", err)
		}
	}
	return nil
}

func shas(vs []corpus.Version) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.SHA256
	}
	return out
}

var _ storeCopy = (*natsstore.Store)(nil)
