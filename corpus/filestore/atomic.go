package filestore

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeAtomic makes dir/name hold data, all or nothing, even if the process
// is killed or the machine loses power at any instant: the bytes go to a
// temp file in the same directory (rename is atomic only within one file
// system), are fsynced, renamed over the name, and the directory is fsynced
// so the rename itself is durable (rename(2); ext4 and XFS need the directory
// fsync for a new entry to survive a crash). Temp files a crash leaves
// behind are removed by the next writer's Open.
func (s *Store) writeAtomic(dir, name string, data []byte) (err error) {
	f, err := os.CreateTemp(dir, tmpPrefix+name+"-*")
	if err != nil {
		return fmt.Errorf("filestore: create temp file for %s: %w", s.rel(filepath.Join(dir, name)), err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("filestore: write %s: %w", s.rel(tmp), err)
	}
	// CreateTemp makes 0600 files; the data directory is meant to be readable
	// by the other vanthu commands run by the same group (serve, show).
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("filestore: chmod %s: %w", s.rel(tmp), err)
	}
	if !s.noSync {
		if err = f.Sync(); err != nil {
			return fmt.Errorf("filestore: fsync %s: %w", s.rel(tmp), err)
		}
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("filestore: close %s: %w", s.rel(tmp), err)
	}
	if err = os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("filestore: rename %s: %w", s.rel(tmp), err)
	}
	return s.syncDir(dir)
}

// syncDir makes the entries of dir (a rename, a new subdirectory) durable.
func (s *Store) syncDir(dir string) error {
	if s.noSync {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("filestore: open directory %s: %w", s.rel(dir), err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("filestore: fsync directory %s: %w", s.rel(dir), err)
	}
	return nil
}

// mkdirDurable creates dir (one level) if missing and fsyncs its parent, so
// files renamed into it later are not lost with a directory that never
// reached the disk.
func (s *Store) mkdirDurable(dir string) error {
	err := os.Mkdir(dir, 0o755)
	if os.IsExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("filestore: create directory %s: %w", s.rel(dir), err)
	}
	return s.syncDir(filepath.Dir(dir))
}
