import SQLite

/// The view `compliance_today`: the compliance query as of today in Denmark (the Store asks for any date).
let migration0003Compliance = Migration(
  version: 3, name: "compliance",
  sql: "CREATE VIEW compliance_today AS WITH asof(d) AS (SELECT (SELECT d FROM danish_today)),\n"
    + ComplianceQuery.body + ";")
