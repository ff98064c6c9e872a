import SQLite

/// What the admin module needs besides accounts and sessions: login attempts for throttling, the one-time tokens of
/// submitted forms (a form sent twice changes nothing twice), and the municipality an audit entry concerns, so that
/// a municipality's administrators see their own log.
let migration0006Admin = Migration(
  version: 6, name: "admin",
  sql: #"""
    CREATE TABLE login_attempt (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL COLLATE NOCASE,
      address TEXT NOT NULL,
      at TEXT NOT NULL,
      succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
    ) STRICT;
    CREATE INDEX login_attempt_by_email ON login_attempt (email, at);
    CREATE INDEX login_attempt_by_address ON login_attempt (address, at);

    CREATE TABLE form_submission (
      nonce TEXT PRIMARY KEY CHECK (length(nonce) >= 16),
      user_id INTEGER REFERENCES app_user (id) ON DELETE SET NULL,
      at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ) STRICT;

    ALTER TABLE audit_log ADD COLUMN municipality_code TEXT REFERENCES municipality (code);
    CREATE INDEX audit_log_by_municipality ON audit_log (municipality_code, at) WHERE municipality_code IS NOT NULL;
    """#)
