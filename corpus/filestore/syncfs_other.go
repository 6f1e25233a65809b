//go:build !linux

package filestore

import "errors"

var errNoSyncfs = errors.New("filestore: no syncfs on this system")

func syncfs(dir string) error { return errNoSyncfs }
