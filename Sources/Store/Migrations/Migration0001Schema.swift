import SQLite

/// Tables, keys, CHECK constraints, indexes, the rule calendar and the national service areas.
let migration0001Schema = Migration(
  version: 1, name: "schema",
  sql: DanishToday.view + "\n"
    + #"""
    -- Places ------------------------------------------------------------------------------------------------
    CREATE TABLE region (
      code TEXT PRIMARY KEY CHECK (code GLOB 'DK-[0-9][0-9]'),
      name TEXT NOT NULL UNIQUE CHECK (trim(name) <> '')
    ) STRICT;

    CREATE TABLE municipality (
      code TEXT PRIMARY KEY CHECK (length(code) = 4 AND code GLOB '[0-9][0-9][0-9][0-9]'),
      name TEXT NOT NULL CHECK (trim(name) <> ''),
      region_code TEXT NOT NULL REFERENCES region (code),
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1))
    ) STRICT;
    CREATE INDEX municipality_by_region ON municipality (region_code, name);

    -- The rule calendar: §8 and the end of the duty are data the ministry can change ------------------------
    CREATE TABLE rule_calendar (
      key TEXT PRIMARY KEY CHECK (
        key IN ('first_contract_deadline', 'first_follow_up_budget_year', 'duty_ends_on', 'follow_up_default_due')),
      value TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      CONSTRAINT "§8: ugyldig værdi i regelkalenderen" CHECK (
        CASE key
          WHEN 'first_follow_up_budget_year' THEN value GLOB '[12][0-9][0-9][0-9]'
          WHEN 'follow_up_default_due' THEN value GLOB '[01][0-9]-[0-3][0-9]' AND date('2000-' || value, '+0 days') IS '2000-' || value
          ELSE date(value, '+0 days') IS value
        END)
    ) STRICT;
    INSERT INTO rule_calendar (key, value, description) VALUES
      ('first_contract_deadline', '2010-07-01', '§8, stk. 2: første kvalitetskontrakt vedtaget og offentliggjort senest'),
      ('first_follow_up_budget_year', '2012', '§8, stk. 3: første opfølgningsredegørelse senest med budgettet for'),
      ('duty_ends_on', '2013-01-01', 'Pligten ophævet fra (moderniseringsaftalen 2013)'),
      ('follow_up_default_due', '10-15', '§4: frist (måned-dag året før budgetåret) når budgetvedtagelsen ikke er registreret');
    CREATE TRIGGER rule_calendar_keep BEFORE DELETE ON rule_calendar
    BEGIN
      SELECT RAISE(ABORT, '§8: regelkalenderens datoer kan ændres, ikke slettes');
    END;

    -- One row, typed: what the compliance queries read.
    CREATE VIEW rule_dates AS
    SELECT
      (SELECT value FROM rule_calendar WHERE key = 'first_contract_deadline') AS first_contract_deadline,
      CAST((SELECT value FROM rule_calendar WHERE key = 'first_follow_up_budget_year') AS INTEGER)
        AS first_follow_up_budget_year,
      (SELECT value FROM rule_calendar WHERE key = 'duty_ends_on') AS duty_ends_on,
      (SELECT value FROM rule_calendar WHERE key = 'follow_up_default_due') AS follow_up_default_due;

    -- Service areas: the national list (municipality_code NULL) and each municipality's own ------------------
    CREATE TABLE service_area (
      id INTEGER PRIMARY KEY,
      municipality_code TEXT REFERENCES municipality (code),
      name TEXT NOT NULL CHECK (trim(name) <> ''),
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1))
    ) STRICT;
    CREATE UNIQUE INDEX service_area_unique_name ON service_area (ifnull(municipality_code, ''), name);
    CREATE INDEX service_area_by_municipality ON service_area (municipality_code, name);
    INSERT INTO service_area (name) VALUES
      ('Ældreområdet'), ('Dagtilbud'), ('Folkeskole'), ('Borgerservice og administration'), ('Integrationsområdet'),
      ('Beskæftigelse'), ('Sundhed og forebyggelse'), ('Kultur og fritid'), ('Teknik og miljø'),
      ('Handicap og psykiatri'), ('Børn og unge med særlige behov'), ('Byggesager');

    -- Contracts and their versions ---------------------------------------------------------------------------
    CREATE TABLE contract (
      municipality_code TEXT PRIMARY KEY REFERENCES municipality (code),
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1))
    ) STRICT;

    CREATE TABLE contract_version (
      id INTEGER PRIMARY KEY,
      municipality_code TEXT NOT NULL REFERENCES contract (municipality_code),
      number INTEGER NOT NULL CHECK (number >= 1),
      based_on INTEGER REFERENCES contract_version (id),
      change_note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    \#(decisionColumns)
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
      UNIQUE (municipality_code, number),
      CONSTRAINT "Delegationsforbud: kommunalbestyrelsens vedtagelse kræver både dato og mødereference" CHECK (
        (adopted_on IS NULL) = (meeting_reference IS NULL)
        AND (meeting_reference IS NULL OR trim(meeting_reference, char(32, 9, 10, 13)) <> '')),
      CONSTRAINT "§6: en version skal være vedtaget før den offentliggøres" CHECK (
        published_on IS NULL OR (adopted_on IS NOT NULL AND published_on >= adopted_on))
    ) STRICT;
    CREATE INDEX contract_version_by_publication ON contract_version (municipality_code, published_on, number);
    CREATE INDEX contract_version_by_adoption ON contract_version (municipality_code, adopted_on);
    -- At most one draft per municipality.
    CREATE UNIQUE INDEX contract_version_one_draft ON contract_version (municipality_code) WHERE adopted_on IS NULL;

    CREATE TABLE contract_version_area (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES contract_version (id) ON DELETE CASCADE,
      service_area_id INTEGER NOT NULL REFERENCES service_area (id),
      position INTEGER NOT NULL DEFAULT 0,
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
      UNIQUE (version_id, service_area_id),
      UNIQUE (id, version_id)
    ) STRICT;
    CREATE INDEX contract_version_area_by_version ON contract_version_area (version_id, position);
    CREATE INDEX contract_version_area_by_service_area ON contract_version_area (service_area_id);

    -- A goal's lineage: stable across versions, so a goal's history can be followed.
    CREATE TABLE goal_lineage (
      id INTEGER PRIMARY KEY,
      municipality_code TEXT NOT NULL REFERENCES municipality (code),
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1))
    ) STRICT;

    CREATE TABLE goal (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES contract_version (id) ON DELETE CASCADE,
      version_area_id INTEGER NOT NULL,
      lineage INTEGER NOT NULL REFERENCES goal_lineage (id),
      position INTEGER NOT NULL DEFAULT 0,
      title TEXT NOT NULL CONSTRAINT "§2: målet mangler en betegnelse" CHECK (trim(title, char(32, 9, 10, 13)) <> ''),
      theme TEXT NOT NULL DEFAULT '',
      goal_text TEXT NOT NULL DEFAULT '',
      indicator TEXT,
      unit TEXT,
      baseline_value REAL,
      baseline_date TEXT CONSTRAINT "§2: ugyldig dato for udgangsværdi"
        CHECK (baseline_date IS NULL OR date(baseline_date, '+0 days') IS baseline_date),
      target_value REAL,
      target_date TEXT CONSTRAINT "§2: ugyldig dato for målværdi"
        CHECK (target_date IS NULL OR date(target_date, '+0 days') IS target_date),
      direction TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
      means TEXT NOT NULL DEFAULT '',
      -- §2: has everything a goal needs before its version can be adopted.
      is_complete INTEGER GENERATED ALWAYS AS (
        trim(ifnull(indicator, ''), char(32, 9, 10, 13)) <> ''
        AND trim(ifnull(unit, ''), char(32, 9, 10, 13)) <> ''
        AND baseline_value IS NOT NULL AND baseline_date IS NOT NULL
        AND target_value IS NOT NULL AND target_date IS NOT NULL
        AND trim(means, char(32, 9, 10, 13)) <> '') VIRTUAL,
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
      FOREIGN KEY (version_area_id, version_id) REFERENCES contract_version_area (id, version_id) ON DELETE CASCADE,
      UNIQUE (version_id, lineage)
    ) STRICT;
    CREATE INDEX goal_by_area ON goal (version_area_id, position);
    CREATE INDEX goal_by_lineage ON goal (lineage, version_id);

    CREATE TABLE target_adjustment (
      id INTEGER PRIMARY KEY,
      goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
      old_target_value REAL NOT NULL,
      new_target_value REAL NOT NULL,
      old_target_date TEXT CHECK (old_target_date IS NULL OR date(old_target_date, '+0 days') IS old_target_date),
      new_target_date TEXT CHECK (new_target_date IS NULL OR date(new_target_date, '+0 days') IS new_target_date),
      adjusted_on TEXT NOT NULL CHECK (date(adjusted_on, '+0 days') IS adjusted_on),
      reason TEXT NOT NULL CONSTRAINT "§3: en måljustering skal have en begrundelse"
        CHECK (trim(reason, char(32, 9, 10, 13)) <> ''),
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1))
    ) STRICT;
    CREATE INDEX target_adjustment_by_goal ON target_adjustment (goal_id);

    -- Follow-ups (opfølgningsredegørelser) --------------------------------------------------------------------
    CREATE TABLE budget_adoption (
      municipality_code TEXT NOT NULL REFERENCES municipality (code),
      budget_year INTEGER NOT NULL CHECK (budget_year BETWEEN 2000 AND 2999),
      adopted_on TEXT NOT NULL CONSTRAINT "§4: ugyldig dato for budgetvedtagelsen"
        CHECK (date(adopted_on, '+0 days') IS adopted_on AND CAST(substr(adopted_on, 1, 4) AS INTEGER) BETWEEN budget_year - 1 AND budget_year),
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
      PRIMARY KEY (municipality_code, budget_year)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE follow_up (
      id INTEGER PRIMARY KEY,
      municipality_code TEXT NOT NULL REFERENCES municipality (code),
      budget_year INTEGER NOT NULL CHECK (budget_year BETWEEN 2000 AND 2999),
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    \#(decisionColumns)
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
      CONSTRAINT "§4: kun én opfølgningsredegørelse pr. kommune og budgetår" UNIQUE (municipality_code, budget_year),
      CONSTRAINT "Delegationsforbud: kommunalbestyrelsens vedtagelse kræver både dato og mødereference" CHECK (
        (adopted_on IS NULL) = (meeting_reference IS NULL)
        AND (meeting_reference IS NULL OR trim(meeting_reference, char(32, 9, 10, 13)) <> '')),
      CONSTRAINT "§6: en opfølgningsredegørelse skal være vedtaget før den offentliggøres" CHECK (
        published_on IS NULL OR (adopted_on IS NOT NULL AND published_on >= adopted_on))
    ) STRICT;

    CREATE TABLE goal_status (
      id INTEGER PRIMARY KEY,
      follow_up_id INTEGER NOT NULL REFERENCES follow_up (id) ON DELETE CASCADE,
      goal_id INTEGER NOT NULL REFERENCES goal (id),
      status_text TEXT NOT NULL DEFAULT '',
      measured_value REAL,
      measured_on TEXT CHECK (measured_on IS NULL OR date(measured_on, '+0 days') IS measured_on),
      result TEXT NOT NULL CHECK (result IN ('reached', 'partly', 'not_reached')),
      follow_up_text TEXT NOT NULL DEFAULT '',
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
      UNIQUE (follow_up_id, goal_id)
    ) STRICT;
    CREATE INDEX goal_status_by_goal ON goal_status (goal_id);

    -- Delegationsforbud: a committee only recommends; this is never an adoption.
    CREATE TABLE committee_recommendation (
      id INTEGER PRIMARY KEY,
      version_id INTEGER REFERENCES contract_version (id) ON DELETE CASCADE,
      follow_up_id INTEGER REFERENCES follow_up (id) ON DELETE CASCADE,
      committee TEXT NOT NULL CHECK (trim(committee, char(32, 9, 10, 13)) <> ''),
      recommended_on TEXT NOT NULL CHECK (date(recommended_on, '+0 days') IS recommended_on),
      note TEXT NOT NULL DEFAULT '',
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
      CHECK ((version_id IS NULL) <> (follow_up_id IS NULL))
    ) STRICT;
    CREATE INDEX committee_recommendation_by_version ON committee_recommendation (version_id) WHERE version_id IS NOT NULL;
    CREATE INDEX committee_recommendation_by_follow_up ON committee_recommendation (follow_up_id)
      WHERE follow_up_id IS NOT NULL;

    -- Users, sessions, API tokens, audit ------------------------------------------------------------------------
    CREATE TABLE app_user (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (email LIKE '_%@_%'),
      name TEXT NOT NULL DEFAULT '',
      password_hash TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('editor', 'municipal_admin', 'ministry', 'sysadmin')),
      municipality_code TEXT REFERENCES municipality (code),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
      is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
      -- Municipal staff belong to exactly one municipality; the ministry and system administrators to none.
      CHECK ((role IN ('editor', 'municipal_admin')) = (municipality_code IS NOT NULL))
    ) STRICT;
    CREATE INDEX app_user_by_municipality ON app_user (municipality_code) WHERE municipality_code IS NOT NULL;

    CREATE TABLE session (
      id INTEGER PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      user_id INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
      last_seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
      expires_at TEXT NOT NULL,
      csrf_token TEXT NOT NULL DEFAULT '',
      user_agent TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX session_by_user ON session (user_id);
    CREATE INDEX session_by_expiry ON session (expires_at);

    CREATE TABLE api_token (
      id INTEGER PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL CHECK (trim(name) <> ''),
      user_id INTEGER REFERENCES app_user (id) ON DELETE CASCADE,
      municipality_code TEXT REFERENCES municipality (code),
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
      last_used_at TEXT,
      revoked_at TEXT,
      CHECK (user_id IS NOT NULL OR municipality_code IS NOT NULL)
    ) STRICT;
    CREATE INDEX api_token_by_user ON api_token (user_id) WHERE user_id IS NOT NULL;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      user_id INTEGER REFERENCES app_user (id) ON DELETE SET NULL,
      at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      action TEXT NOT NULL CHECK (trim(action) <> ''),
      entity TEXT NOT NULL,
      entity_id TEXT,
      before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
      after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json))
    ) STRICT;
    CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, at);
    CREATE INDEX audit_log_by_user ON audit_log (user_id, at);
    CREATE INDEX audit_log_by_time ON audit_log (at);
    """#)

/// The council's adoption and the publication, with the §6 deadline (same day next month, or that month's last day)
/// and the lateness flag derived and stored by the database: the same columns on contract versions and follow-ups.
private let decisionColumns = #"""
    adopted_on TEXT CONSTRAINT "Delegationsforbud: ugyldig vedtagelsesdato"
      CHECK (adopted_on IS NULL OR date(adopted_on, '+0 days') IS adopted_on),
    meeting_reference TEXT,
    publication_deadline TEXT GENERATED ALWAYS AS (
      min(
        date(adopted_on, 'start of month', '+1 month', '+' || (CAST(strftime('%d', adopted_on) AS INTEGER) - 1) || ' days'),
        date(adopted_on, 'start of month', '+2 months', '-1 day'))) STORED,
    published_on TEXT CONSTRAINT "§6: ugyldig offentliggørelsesdato"
      CHECK (published_on IS NULL OR date(published_on, '+0 days') IS published_on),
    published_late INTEGER GENERATED ALWAYS AS (
      CASE WHEN published_on IS NOT NULL THEN published_on > publication_deadline END) STORED,
  """#
