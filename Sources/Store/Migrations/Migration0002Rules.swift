import SQLite

/// The rules in the database: §2 completeness, §3 freezing and supersession, the delegation ban, §5, views.
let migration0002Rules = Migration(
  version: 2, name: "rules",
  sql: #"""
    -- §2: what stops a version from being adopted or published, one row per problem, named in Danish.
    CREATE VIEW version_problem AS
    SELECT v.id AS version_id, 'no_area' AS kind, NULL AS version_area_id, NULL AS goal_id, NULL AS field,
      '§2: versionen har ingen serviceområder' AS message,
      -1 AS area_position, 0 AS goal_position, 0 AS field_order
    FROM contract_version v
    WHERE NOT EXISTS (SELECT 1 FROM contract_version_area a WHERE a.version_id = v.id)
    UNION ALL
    SELECT a.version_id, 'no_goal', a.id, NULL, NULL, '§2: området ' || s.name || ' har ingen mål',
      a.position, -1, 0
    FROM contract_version_area a JOIN service_area s ON s.id = a.service_area_id
    WHERE NOT EXISTS (SELECT 1 FROM goal g WHERE g.version_area_id = a.id)
    UNION ALL
    SELECT g.version_id, 'missing_field', g.version_area_id, g.id, f.field,
      '§2: målet "' || g.title || '" mangler ' || f.label, a.position, g.position, f.field_order
    FROM goal g
    JOIN contract_version_area a ON a.id = g.version_area_id
    JOIN (
      SELECT 1 AS field_order, 'indicator' AS field, 'indikator' AS label
      UNION ALL SELECT 2, 'unit', 'enhed'
      UNION ALL SELECT 3, 'baseline_value', 'udgangsværdi'
      UNION ALL SELECT 4, 'baseline_date', 'dato for udgangsværdi'
      UNION ALL SELECT 5, 'target_value', 'målværdi'
      UNION ALL SELECT 6, 'target_date', 'dato for målværdi'
      UNION ALL SELECT 7, 'means', 'veje til målet'
    ) f
    WHERE NOT g.is_complete AND CASE f.field
      WHEN 'indicator' THEN trim(ifnull(g.indicator, ''), char(32, 9, 10, 13)) = ''
      WHEN 'unit' THEN trim(ifnull(g.unit, ''), char(32, 9, 10, 13)) = ''
      WHEN 'baseline_value' THEN g.baseline_value IS NULL
      WHEN 'baseline_date' THEN g.baseline_date IS NULL
      WHEN 'target_value' THEN g.target_value IS NULL
      WHEN 'target_date' THEN g.target_date IS NULL
      WHEN 'means' THEN trim(g.means, char(32, 9, 10, 13)) = ''
    END;

    -- §2 as one flag per version (cheap: indexes only).
    CREATE VIEW version_completeness AS
    SELECT v.id AS version_id,
      EXISTS (SELECT 1 FROM contract_version_area a WHERE a.version_id = v.id)
      AND NOT EXISTS (
        SELECT 1 FROM contract_version_area a
        WHERE a.version_id = v.id AND NOT EXISTS (SELECT 1 FROM goal g WHERE g.version_area_id = a.id))
      AND NOT EXISTS (SELECT 1 FROM goal g WHERE g.version_id = v.id AND NOT g.is_complete) AS complete
    FROM contract_version v;

    CREATE TRIGGER contract_version_adopt_section2 AFTER UPDATE OF adopted_on, published_on ON contract_version
    WHEN (OLD.adopted_on IS NULL AND NEW.adopted_on IS NOT NULL) OR (OLD.published_on IS NULL AND NEW.published_on IS NOT NULL)
    BEGIN
      SELECT RAISE(ABORT, '§2: versionen har ingen serviceområder')
      WHERE NOT EXISTS (SELECT 1 FROM contract_version_area a WHERE a.version_id = NEW.id);
      SELECT RAISE(ABORT, '§2: et serviceområde i versionen har ingen mål')
      WHERE EXISTS (
        SELECT 1 FROM contract_version_area a
        WHERE a.version_id = NEW.id AND NOT EXISTS (SELECT 1 FROM goal g WHERE g.version_area_id = a.id));
      SELECT RAISE(ABORT, '§2: et mål mangler indikator, enhed, udgangsværdi, målværdi (med datoer) eller veje til målet')
      WHERE EXISTS (SELECT 1 FROM goal g WHERE g.version_id = NEW.id AND NOT g.is_complete);
    END;

    CREATE TRIGGER contract_version_insert_adopted AFTER INSERT ON contract_version
    WHEN NEW.adopted_on IS NOT NULL OR NEW.published_on IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§2: versionen har ingen serviceområder');
    END;

    -- §3: changes are prepared in one draft at a time, copied from the version in force.
    CREATE TRIGGER contract_version_one_draft BEFORE INSERT ON contract_version
    WHEN NEW.adopted_on IS NULL AND EXISTS (
      SELECT 1 FROM contract_version WHERE municipality_code = NEW.municipality_code AND adopted_on IS NULL)
    BEGIN
      SELECT RAISE(ABORT, '§3: der er allerede et udkast');
    END;

    -- Delegationsforbud: the council's adoption is a decision already taken.
    CREATE TRIGGER contract_version_adoption_not_future BEFORE UPDATE OF adopted_on ON contract_version
    WHEN NEW.adopted_on > (SELECT d FROM danish_today)
    BEGIN
      SELECT RAISE(ABORT, 'Delegationsforbud: vedtagelsesdatoen ligger i fremtiden');
    END;

    CREATE TRIGGER contract_version_publication_not_future BEFORE UPDATE OF published_on ON contract_version
    WHEN NEW.published_on > (SELECT d FROM danish_today)
    BEGIN
      SELECT RAISE(ABORT, '§6: offentliggørelsesdatoen ligger i fremtiden');
    END;

    -- §3: a newer publication supersedes; the history stays in order.
    CREATE TRIGGER contract_version_publication_order BEFORE UPDATE OF published_on ON contract_version
    WHEN NEW.published_on IS NOT NULL AND OLD.published_on IS NULL
    BEGIN
      SELECT RAISE(ABORT, '§3: en anden version er offentliggjort senere end denne dato')
      WHERE EXISTS (
        SELECT 1 FROM contract_version o
        WHERE o.municipality_code = NEW.municipality_code AND o.id <> NEW.id AND o.published_on > NEW.published_on);
    END;

    -- §3: adopted means frozen: the council adopted exactly this text. Only publication may follow.
    CREATE TRIGGER contract_version_frozen_published BEFORE UPDATE ON contract_version
    WHEN OLD.published_on IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§3: en offentliggjort version kan ikke ændres; opret en ny version');
    END;

    CREATE TRIGGER contract_version_frozen_adopted BEFORE UPDATE ON contract_version
    WHEN OLD.adopted_on IS NOT NULL AND OLD.published_on IS NULL AND NOT (
      NEW.published_on IS NOT NULL
      AND NEW.id IS OLD.id AND NEW.municipality_code IS OLD.municipality_code AND NEW.number IS OLD.number
      AND NEW.based_on IS OLD.based_on AND NEW.change_note IS OLD.change_note AND NEW.created_at IS OLD.created_at
      AND NEW.adopted_on IS OLD.adopted_on AND NEW.meeting_reference IS OLD.meeting_reference
      AND NEW.is_example IS OLD.is_example)
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget version kan ikke ændres; opret en ny version');
    END;

    -- Example content (a version marked is_example, with all it holds) may be removed; real adopted content never.
    CREATE TRIGGER contract_version_frozen_delete BEFORE DELETE ON contract_version
    WHEN OLD.adopted_on IS NOT NULL AND OLD.is_example = 0
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget version kan ikke slettes');
    END;

    CREATE TRIGGER contract_version_area_frozen_insert BEFORE INSERT ON contract_version_area
    WHEN (SELECT adopted_on FROM contract_version WHERE id = NEW.version_id) IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget version kan ikke ændres; opret en ny version');
    END;
    CREATE TRIGGER contract_version_area_frozen_update BEFORE UPDATE ON contract_version_area
    WHEN (SELECT adopted_on FROM contract_version WHERE id = OLD.version_id) IS NOT NULL
      OR (SELECT adopted_on FROM contract_version WHERE id = NEW.version_id) IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget version kan ikke ændres; opret en ny version');
    END;
    CREATE TRIGGER contract_version_area_frozen_delete BEFORE DELETE ON contract_version_area
    WHEN (SELECT adopted_on IS NOT NULL AND is_example = 0 FROM contract_version WHERE id = OLD.version_id)
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget version kan ikke ændres; opret en ny version');
    END;
    CREATE TRIGGER contract_version_area_own_or_national BEFORE INSERT ON contract_version_area
    WHEN (SELECT s.municipality_code FROM service_area s WHERE s.id = NEW.service_area_id)
      IS NOT (SELECT v.municipality_code FROM contract_version v WHERE v.id = NEW.version_id)
      AND (SELECT s.municipality_code FROM service_area s WHERE s.id = NEW.service_area_id) IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§2: serviceområdet tilhører en anden kommune');
    END;

    CREATE TRIGGER goal_frozen_insert BEFORE INSERT ON goal
    WHEN (SELECT adopted_on FROM contract_version WHERE id = NEW.version_id) IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget version kan ikke ændres; opret en ny version');
    END;
    CREATE TRIGGER goal_frozen_update BEFORE UPDATE ON goal
    WHEN (SELECT adopted_on FROM contract_version WHERE id = OLD.version_id) IS NOT NULL
      OR (SELECT adopted_on FROM contract_version WHERE id = NEW.version_id) IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget version kan ikke ændres; opret en ny version');
    END;
    CREATE TRIGGER goal_frozen_delete BEFORE DELETE ON goal
    WHEN (SELECT adopted_on IS NOT NULL AND is_example = 0 FROM contract_version WHERE id = OLD.version_id)
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget version kan ikke ændres; opret en ny version');
    END;
    CREATE TRIGGER goal_lineage_same_municipality BEFORE INSERT ON goal
    WHEN (SELECT municipality_code FROM goal_lineage WHERE id = NEW.lineage)
      IS NOT (SELECT municipality_code FROM contract_version WHERE id = NEW.version_id)
    BEGIN
      SELECT RAISE(ABORT, '§3: målets historik tilhører en anden kommune');
    END;

    CREATE TRIGGER target_adjustment_frozen_insert BEFORE INSERT ON target_adjustment
    WHEN (SELECT v.adopted_on FROM goal g JOIN contract_version v ON v.id = g.version_id WHERE g.id = NEW.goal_id)
      IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget version kan ikke ændres; opret en ny version');
    END;
    CREATE TRIGGER target_adjustment_frozen_update BEFORE UPDATE ON target_adjustment
    WHEN (SELECT v.adopted_on FROM goal g JOIN contract_version v ON v.id = g.version_id WHERE g.id = OLD.goal_id)
      IS NOT NULL
      OR (SELECT v.adopted_on FROM goal g JOIN contract_version v ON v.id = g.version_id WHERE g.id = NEW.goal_id)
      IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget version kan ikke ændres; opret en ny version');
    END;
    CREATE TRIGGER target_adjustment_frozen_delete BEFORE DELETE ON target_adjustment
    WHEN (
      SELECT v.adopted_on IS NOT NULL AND v.is_example = 0 FROM goal g JOIN contract_version v ON v.id = g.version_id
      WHERE g.id = OLD.goal_id)
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget version kan ikke ændres; opret en ny version');
    END;

    -- Follow-ups ---------------------------------------------------------------------------------------------
    -- The version a follow-up reports on: in force on its adoption date (today while it is a draft).
    CREATE VIEW follow_up_reference AS
    SELECT f.id AS follow_up_id, coalesce(f.adopted_on, (SELECT d FROM danish_today)) AS reference_date,
      (SELECT v.id FROM contract_version v
       WHERE v.municipality_code = f.municipality_code AND v.published_on <= coalesce(f.adopted_on, (SELECT d FROM danish_today))
       ORDER BY v.published_on DESC, v.number DESC LIMIT 1) AS version_id
    FROM follow_up f;

    -- §5: what stops a follow-up from being adopted, named in Danish.
    CREATE VIEW follow_up_problem AS
    SELECT r.follow_up_id, 'no_contract' AS kind, NULL AS goal_id, NULL AS field,
      '§5: der er ingen gældende kvalitetskontrakt den ' || r.reference_date AS message,
      -1 AS area_position, 0 AS area_id, 0 AS goal_position
    FROM follow_up_reference r
    WHERE r.version_id IS NULL
    UNION ALL
    SELECT r.follow_up_id,
      CASE WHEN s.id IS NULL OR trim(s.status_text, char(32, 9, 10, 13)) = '' THEN 'no_status' ELSE 'no_follow_up' END,
      g.id,
      CASE WHEN s.id IS NULL OR trim(s.status_text, char(32, 9, 10, 13)) = '' THEN 'status_text' ELSE 'follow_up_text' END,
      CASE WHEN s.id IS NULL OR trim(s.status_text, char(32, 9, 10, 13)) = ''
        THEN '§5: målet "' || g.title || '" mangler status'
        ELSE '§5: målet "' || g.title || '" er ikke nået og mangler opfølgning' END,
      a.position, a.id, g.position
    FROM follow_up_reference r
    JOIN goal g ON g.version_id = r.version_id
    JOIN contract_version_area a ON a.id = g.version_area_id
    LEFT JOIN goal_status s ON s.follow_up_id = r.follow_up_id AND s.goal_id = g.id
    WHERE s.id IS NULL OR trim(s.status_text, char(32, 9, 10, 13)) = ''
      OR (s.result <> 'reached' AND trim(s.follow_up_text, char(32, 9, 10, 13)) = '');

    CREATE VIEW follow_up_completeness AS
    SELECT r.follow_up_id, r.version_id,
      r.version_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM goal g LEFT JOIN goal_status s ON s.follow_up_id = r.follow_up_id AND s.goal_id = g.id
        WHERE g.version_id = r.version_id AND (
          s.id IS NULL OR trim(s.status_text, char(32, 9, 10, 13)) = ''
          OR (s.result <> 'reached' AND trim(s.follow_up_text, char(32, 9, 10, 13)) = ''))) AS complete
    FROM follow_up_reference r;

    -- §4: due on the recorded budget adoption date, else the calendar's month-day of the year before.
    CREATE VIEW follow_up_due AS
    SELECT f.id AS follow_up_id, f.municipality_code, f.budget_year,
      coalesce(b.adopted_on, (
        SELECT CASE WHEN date(x, '+0 days') IS x THEN x ELSE date(substr(x, 1, 8) || '01', '+1 month', '-1 day') END
        FROM (SELECT printf('%04d', f.budget_year - 1) || '-' || follow_up_default_due AS x FROM rule_dates))) AS due_on
    FROM follow_up f
    LEFT JOIN budget_adoption b ON b.municipality_code = f.municipality_code AND b.budget_year = f.budget_year;

    -- Late adoption (§4) and late publication (§6) are stored and flagged, never refused.
    CREATE VIEW follow_up_overview AS
    SELECT f.id, f.municipality_code, f.budget_year, d.due_on, f.adopted_on, f.meeting_reference,
      CASE WHEN f.adopted_on IS NOT NULL THEN f.adopted_on > d.due_on END AS adopted_late,
      f.publication_deadline, f.published_on, f.published_late, f.is_example
    FROM follow_up f JOIN follow_up_due d ON d.follow_up_id = f.id;

    CREATE TRIGGER follow_up_one_per_year BEFORE INSERT ON follow_up
    WHEN EXISTS (
      SELECT 1 FROM follow_up WHERE municipality_code = NEW.municipality_code AND budget_year = NEW.budget_year)
    BEGIN
      SELECT RAISE(ABORT, '§4: kun én opfølgningsredegørelse pr. kommune og budgetår');
    END;

    CREATE TRIGGER follow_up_adopt_section5 AFTER UPDATE OF adopted_on ON follow_up
    WHEN OLD.adopted_on IS NULL AND NEW.adopted_on IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§5: der er ingen gældende kvalitetskontrakt på vedtagelsesdatoen')
      WHERE (SELECT version_id FROM follow_up_reference WHERE follow_up_id = NEW.id) IS NULL;
      SELECT RAISE(ABORT, '§5: et mål i den gældende kvalitetskontrakt mangler status')
      WHERE EXISTS (SELECT 1 FROM follow_up_problem WHERE follow_up_id = NEW.id AND kind = 'no_status');
      SELECT RAISE(ABORT, '§5: et mål, der ikke er nået, mangler opfølgning')
      WHERE EXISTS (SELECT 1 FROM follow_up_problem WHERE follow_up_id = NEW.id AND kind = 'no_follow_up');
    END;

    CREATE TRIGGER follow_up_insert_adopted AFTER INSERT ON follow_up
    WHEN NEW.adopted_on IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§5: der er ingen gældende kvalitetskontrakt på vedtagelsesdatoen')
      WHERE (SELECT version_id FROM follow_up_reference WHERE follow_up_id = NEW.id) IS NULL;
      SELECT RAISE(ABORT, '§5: et mål i den gældende kvalitetskontrakt mangler status')
      WHERE EXISTS (SELECT 1 FROM follow_up_problem WHERE follow_up_id = NEW.id AND kind = 'no_status');
    END;

    CREATE TRIGGER follow_up_adoption_not_future BEFORE UPDATE OF adopted_on ON follow_up
    WHEN NEW.adopted_on > (SELECT d FROM danish_today)
    BEGIN
      SELECT RAISE(ABORT, 'Delegationsforbud: vedtagelsesdatoen ligger i fremtiden');
    END;
    CREATE TRIGGER follow_up_insert_not_future BEFORE INSERT ON follow_up
    WHEN NEW.adopted_on > (SELECT d FROM danish_today) OR NEW.published_on > (SELECT d FROM danish_today)
    BEGIN
      SELECT RAISE(ABORT, 'Delegationsforbud: vedtagelsesdatoen ligger i fremtiden');
    END;
    CREATE TRIGGER follow_up_publication_not_future BEFORE UPDATE OF published_on ON follow_up
    WHEN NEW.published_on > (SELECT d FROM danish_today)
    BEGIN
      SELECT RAISE(ABORT, '§6: offentliggørelsesdatoen ligger i fremtiden');
    END;

    CREATE TRIGGER follow_up_frozen_published BEFORE UPDATE ON follow_up
    WHEN OLD.published_on IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§3: en offentliggjort opfølgningsredegørelse kan ikke ændres');
    END;
    CREATE TRIGGER follow_up_frozen_adopted BEFORE UPDATE ON follow_up
    WHEN OLD.adopted_on IS NOT NULL AND OLD.published_on IS NULL AND NOT (
      NEW.published_on IS NOT NULL
      AND NEW.id IS OLD.id AND NEW.municipality_code IS OLD.municipality_code AND NEW.budget_year IS OLD.budget_year
      AND NEW.created_at IS OLD.created_at AND NEW.adopted_on IS OLD.adopted_on
      AND NEW.meeting_reference IS OLD.meeting_reference AND NEW.is_example IS OLD.is_example)
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget opfølgningsredegørelse kan ikke ændres');
    END;
    CREATE TRIGGER follow_up_frozen_delete BEFORE DELETE ON follow_up
    WHEN OLD.adopted_on IS NOT NULL AND OLD.is_example = 0
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget opfølgningsredegørelse kan ikke slettes');
    END;

    CREATE TRIGGER goal_status_frozen_insert BEFORE INSERT ON goal_status
    WHEN (SELECT adopted_on FROM follow_up WHERE id = NEW.follow_up_id) IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget opfølgningsredegørelse kan ikke ændres');
    END;
    CREATE TRIGGER goal_status_frozen_update BEFORE UPDATE ON goal_status
    WHEN (SELECT adopted_on FROM follow_up WHERE id = OLD.follow_up_id) IS NOT NULL
      OR (SELECT adopted_on FROM follow_up WHERE id = NEW.follow_up_id) IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget opfølgningsredegørelse kan ikke ændres');
    END;
    CREATE TRIGGER goal_status_frozen_delete BEFORE DELETE ON goal_status
    WHEN (SELECT adopted_on IS NOT NULL AND is_example = 0 FROM follow_up WHERE id = OLD.follow_up_id)
    BEGIN
      SELECT RAISE(ABORT, '§3: en vedtaget opfølgningsredegørelse kan ikke ændres');
    END;
    CREATE TRIGGER goal_status_published_goal BEFORE INSERT ON goal_status
    WHEN NOT EXISTS (
      SELECT 1 FROM goal g JOIN contract_version v ON v.id = g.version_id JOIN follow_up f ON f.id = NEW.follow_up_id
      WHERE g.id = NEW.goal_id AND v.published_on IS NOT NULL AND v.municipality_code = f.municipality_code)
    BEGIN
      SELECT RAISE(ABORT, '§5: status kan kun gives for mål i kommunens offentliggjorte kvalitetskontrakt');
    END;

    -- Contracts in force ---------------------------------------------------------------------------------------
    -- §3: today, per municipality: the published version with the latest publication date (ties: higher number).
    CREATE VIEW contract_in_force AS
    SELECT m.code AS municipality_code, v.id AS version_id, v.number, v.adopted_on, v.meeting_reference,
      v.publication_deadline, v.published_on, v.published_late, v.is_example
    FROM municipality m
    JOIN contract_version v ON v.id = (
      SELECT v2.id FROM contract_version v2
      WHERE v2.municipality_code = m.code AND v2.published_on <= (SELECT d FROM danish_today)
      ORDER BY v2.published_on DESC, v2.number DESC LIMIT 1);

    -- §6: versions with their publication status; an adopted version unpublished past its deadline is late.
    CREATE VIEW contract_version_overview AS
    SELECT v.id, v.municipality_code, v.number, v.based_on, v.adopted_on, v.meeting_reference,
      v.publication_deadline, v.published_on, v.published_late,
      CASE
        WHEN v.adopted_on IS NULL THEN 'draft'
        WHEN v.published_on IS NULL THEN 'adopted'
        ELSE 'published'
      END AS state,
      v.adopted_on IS NOT NULL AND v.published_on IS NULL AND (SELECT d FROM danish_today) > v.publication_deadline AS overdue,
      v.is_example
    FROM contract_version v;
    """#)
