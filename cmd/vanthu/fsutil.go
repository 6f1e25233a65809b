package main

import "os"

func renameIfExists(from, to string) error {
	if _, err := os.Stat(from); os.IsNotExist(err) {
		return nil
	}
	return os.Rename(from, to)
}
