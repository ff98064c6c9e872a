/// Compliance as of a date for every municipality, in one statement. It expects a CTE `asof(d)` before it.
///
/// Rows: municipality_code, rule (a `ComplianceRule` raw value), budget_year (follow-up rules), status
/// ('met', 'failed', 'not_yet_due', 'not_applicable'), due_on and actual_on (the dates involved).
/// The view `compliance_today` (migration 3) was created from this text: a change here needs a new migration that
/// drops and recreates the view, or the view and `Store.compliance(asOf:)` drift apart.
enum ComplianceQuery {
  static let body = #"""
    p AS (
      SELECT asof.d, r.first_contract_deadline AS first_deadline, r.first_follow_up_budget_year AS first_year,
        r.duty_ends_on AS duty_end, r.follow_up_default_due AS default_due
      FROM asof, rule_dates r),
    contract_facts AS (
      SELECT m.code AS municipality_code,
        (SELECT v.id FROM contract_version v
         WHERE v.municipality_code = m.code AND v.published_on <= p.d
         ORDER BY v.published_on DESC, v.number DESC LIMIT 1) AS in_force_id,
        (SELECT min(v.published_on) FROM contract_version v
         WHERE v.municipality_code = m.code AND v.published_on <= p.d) AS first_published
      FROM municipality m, p),
    version_publication AS (
      SELECT v.municipality_code, v.publication_deadline AS due_on,
        CASE WHEN v.published_on <= p.d THEN v.published_on END AS actual_on,
        CASE
          WHEN v.published_on <= p.d THEN CASE WHEN v.published_on <= v.publication_deadline THEN 'met' ELSE 'failed' END
          WHEN p.d > v.publication_deadline THEN 'failed'
          ELSE 'not_yet_due'
        END AS status,
        v.adopted_on, v.number
      FROM contract_version v, p
      WHERE v.adopted_on <= p.d AND v.adopted_on < p.duty_end),
    first_version_publication AS (
      SELECT * FROM (
        SELECT vp.*, row_number() OVER (
          PARTITION BY vp.municipality_code
          ORDER BY CASE vp.status WHEN 'failed' THEN 0 WHEN 'not_yet_due' THEN 1 ELSE 2 END, vp.adopted_on, vp.number
        ) AS rank
        FROM version_publication vp)
      WHERE rank = 1),
    years(year) AS (
      SELECT first_year FROM p WHERE first_year <= CAST(substr(duty_end, 1, 4) AS INTEGER) + 1
      UNION ALL
      SELECT year + 1 FROM years, p WHERE year < CAST(substr(p.duty_end, 1, 4) AS INTEGER) + 1),
    duty AS (
      SELECT municipality_code, year, due_on FROM (
        SELECT m.code AS municipality_code, y.year,
          coalesce(b.adopted_on,
            CASE WHEN date(x.default_day, '+0 days') IS x.default_day THEN x.default_day
              ELSE date(substr(x.default_day, 1, 8) || '01', '+1 month', '-1 day') END) AS due_on
        FROM municipality m
        CROSS JOIN years y
        CROSS JOIN p
        CROSS JOIN (SELECT y2.year AS year, printf('%04d', y2.year - 1) || '-' || p2.default_due AS default_day
                    FROM years y2, p p2) x ON x.year = y.year
        LEFT JOIN budget_adoption b ON b.municipality_code = m.code AND b.budget_year = y.year)
      WHERE due_on < (SELECT duty_end FROM p)),
    follow_up_facts AS (
      SELECT du.municipality_code, du.year, du.due_on,
        CASE WHEN f.adopted_on <= p.d THEN f.adopted_on END AS adopted_on,
        CASE WHEN f.adopted_on <= p.d THEN f.publication_deadline END AS publication_deadline,
        CASE WHEN f.published_on <= p.d THEN f.published_on END AS published_on,
        CASE WHEN f.adopted_on <= p.d THEN (SELECT c.complete FROM follow_up_completeness c WHERE c.follow_up_id = f.id) END
          AS complete,
        p.d
      FROM duty du
      CROSS JOIN p
      LEFT JOIN follow_up f ON f.municipality_code = du.municipality_code AND f.budget_year = du.year),
    findings AS (
      SELECT cf.municipality_code, 'contract_in_force' AS rule, NULL AS budget_year,
        CASE
          WHEN cf.in_force_id IS NOT NULL THEN 'met'
          WHEN p.d >= p.duty_end THEN 'not_applicable'
          WHEN p.d > p.first_deadline THEN 'failed'
          ELSE 'not_yet_due'
        END AS status,
        CASE WHEN cf.in_force_id IS NULL AND p.d < p.duty_end THEN p.first_deadline END AS due_on,
        NULL AS actual_on
      FROM contract_facts cf, p
      UNION ALL
      SELECT cf.municipality_code, 'first_contract', NULL,
        CASE
          WHEN cf.first_published <= p.first_deadline THEN 'met'
          WHEN p.d <= p.first_deadline THEN 'not_yet_due'
          ELSE 'failed'
        END,
        p.first_deadline, cf.first_published
      FROM contract_facts cf, p
      UNION ALL
      SELECT cf.municipality_code, 'contract_complete', NULL,
        CASE
          WHEN cf.in_force_id IS NULL THEN 'not_applicable'
          WHEN (SELECT vc.complete FROM version_completeness vc WHERE vc.version_id = cf.in_force_id) THEN 'met'
          ELSE 'failed'
        END,
        NULL, (SELECT v.published_on FROM contract_version v WHERE v.id = cf.in_force_id)
      FROM contract_facts cf
      UNION ALL
      SELECT m.code, 'contract_published_on_time', NULL, ifnull(fv.status, 'not_applicable'), fv.due_on, fv.actual_on
      FROM municipality m LEFT JOIN first_version_publication fv ON fv.municipality_code = m.code
      UNION ALL
      SELECT ff.municipality_code, 'follow_up_adopted_on_time', ff.year,
        CASE
          WHEN ff.adopted_on IS NOT NULL THEN CASE WHEN ff.adopted_on <= ff.due_on THEN 'met' ELSE 'failed' END
          WHEN ff.d > ff.due_on THEN 'failed'
          ELSE 'not_yet_due'
        END,
        ff.due_on, ff.adopted_on
      FROM follow_up_facts ff
      UNION ALL
      SELECT ff.municipality_code, 'follow_up_complete', ff.year,
        CASE
          WHEN ff.adopted_on IS NOT NULL THEN CASE WHEN ff.complete THEN 'met' ELSE 'failed' END
          WHEN ff.d > ff.due_on THEN 'failed'
          ELSE 'not_yet_due'
        END,
        CASE WHEN ff.adopted_on IS NULL THEN ff.due_on END, ff.adopted_on
      FROM follow_up_facts ff
      UNION ALL
      SELECT ff.municipality_code, 'follow_up_published_on_time', ff.year,
        CASE
          WHEN ff.adopted_on IS NULL THEN CASE WHEN ff.d > ff.due_on THEN 'failed' ELSE 'not_yet_due' END
          WHEN ff.published_on IS NOT NULL THEN
            CASE WHEN ff.published_on <= ff.publication_deadline THEN 'met' ELSE 'failed' END
          WHEN ff.d > ff.publication_deadline THEN 'failed'
          ELSE 'not_yet_due'
        END,
        CASE WHEN ff.adopted_on IS NULL THEN ff.due_on ELSE ff.publication_deadline END, ff.published_on
      FROM follow_up_facts ff)
    SELECT municipality_code, rule, budget_year, status, due_on, actual_on FROM findings
    """#

  /// The query with the date as parameter ?1.
  static let asOf = "WITH asof(d) AS (SELECT ?1),\n" + body
}
