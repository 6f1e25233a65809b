// Package account keeps the office's user accounts and their roles, and the
// sessions of the web desk.
//
// Users are records of kind "user" in the corpus's RecordStore (one per
// login name, versioned like every record, so a disabled account or a new
// password is a new version saying who changed it). Passwords are kept as
// bcrypt hashes; API tokens (for scripts) and the feed token (for a
// newsreader) as SHA-256 hashes of random secrets shown once.
//
// Roles, from the least to the most trusted:
//
//   - clerk: searches, drafts, files trips and documents, corrects metadata;
//   - approver: what a clerk does, and moves a trip to approved or refused —
//     never a trip they filed or travel on (MayDecide);
//   - admin: what an approver does, and manages users, rule sets and
//     sources. Nobody can rewrite the audit log.
//
// Sessions live in memory (a restart logs everyone out): each has a random
// id carried by the cookie, and its own CSRF token every form must return.
package account
