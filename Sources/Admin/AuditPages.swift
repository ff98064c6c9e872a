import Domain
import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  /// The audit log: per municipality and national.
  static let auditPageNames = ["admin/audit", "admin/audit-entry"]

  /// Entries per page of the log.
  static let auditPageSize = 50

  func registerAuditRoutes(on routes: inout AdminRoutes) {
    routes.get("/admin/kommune/:code/log", .auditReader) { request in
      let code = try request.code
      guard let municipality = try store.municipality(code: code) else {
        throw AdminError.notFound("Kommunen")
      }
      return try auditLogPage(request, base: "/admin/kommune/\(code)/log", municipality: municipality)
    }
    routes.get("/admin/kommune/:code/log/:entry", .auditReader) { request in
      let code = try request.code
      guard let record = try store.auditRecord(id: try request.id("entry")),
        record.entry.municipalityCode == code
      else { throw AdminError.notFound("Ændringen") }
      return try auditEntryPage(request, record, back: "/admin/kommune/\(code)/log")
    }
    routes.get("/admin/log", .national) { request in
      try auditLogPage(request, base: "/admin/log", municipality: nil)
    }
    routes.get("/admin/log/:entry", .national) { request in
      guard let record = try store.auditRecord(id: try request.id("entry")) else {
        throw AdminError(.notFound, "Ændringen findes ikke.")
      }
      return try auditEntryPage(request, record, back: "/admin/log")
    }
  }

  /// Newest first, a page at a time (`foer` = the id below which to go on), filtered by action (`handling`) and, in
  /// the national log, by municipality (`kommune`).
  func auditLogPage(_ request: AdminRequest, base: String, municipality: Municipality?) throws -> Response {
    let query = try request.request.queryParameters()
    let national = municipality == nil
    let action = (query["handling"] ?? "").trimmingCharacters(in: .whitespaces)
    var code = municipality?.code
    var chosen = ""
    if national, let wanted = query["kommune"]?.trimmingCharacters(in: .whitespaces), !wanted.isEmpty {
      guard try store.municipality(code: wanted) != nil else {
        throw AdminError(.notFound, "Der findes ingen kommune med koden \(wanted).")
      }
      code = wanted
      chosen = wanted
    }
    let before = query["foer"].flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
    let records = try store.auditRecords(
      AuditFilter(
        municipalityCode: code, action: action.isEmpty ? nil : action, before: before,
        limit: Self.auditPageSize + 1))
    let shown = records.prefix(Self.auditPageSize)

    var filter = QueryParameters()
    if !chosen.isEmpty { filter.append(name: "kommune", value: chosen) }
    if !action.isEmpty { filter.append(name: "handling", value: action) }
    var older = filter
    if records.count > Self.auditPageSize, let last = shown.last {
      older.append(name: "foer", value: String(last.entry.id))
    }
    let entryBase = base + "/"
    let entries = shown.map { record -> TemplateValue in
      [
        "id": .int(Int(record.entry.id)), "when": .string(DanishTime.text(utc: record.entry.at)),
        "who": .string(Self.auditWho(record)), "what": .string(AuditLabels.action(record.entry.action) ?? ""),
        "code": .string(record.entry.action),
        "entity": .string(AuditLabels.entity(record.entry.entity, id: record.entry.entityId)),
        "municipality": .string(record.municipalityName ?? "Hele landet"),
        "href": .string(entryBase + String(record.entry.id)),
      ]
    }
    var fields: [FormField] = []
    if national {
      fields.append(
        FormField(
          "kommune", label: "Kommune", kind: .select, value: chosen,
          options: [FormField.Option("", "Alle kommuner")]
            + (try store.municipalities()).map { FormField.Option($0.code, "\($0.name) (\($0.code))") }))
    }
    let actions = try store.auditActions(municipalityCode: code)
    fields.append(
      FormField(
        "handling", label: "Handling", kind: .select, value: action,
        options: [FormField.Option("", "Alle handlinger")]
          + actions.map { code in
            FormField.Option(code, AuditLabels.action(code).map { "\($0) (\(code))" } ?? code)
          }))
    let heading = municipality.map { "Log over ændringer i \($0.name)" } ?? "Log over ændringer i hele landet"
    return try page(
      "admin/audit", title: heading, for: request,
      [
        "heading": .string(heading), "national": .bool(national), "action": .string(base),
        "fields": .array(fields.map(\.templateValue)), "entries": .array(Array(entries)),
        "filtered": .bool(!filter.isEmpty),
        "older": records.count > Self.auditPageSize ? .string(base + "?" + older.encoded) : .null,
        "newest": before != nil ? .string(filter.isEmpty ? base : base + "?" + filter.encoded) : .null,
      ])
  }

  func auditEntryPage(_ request: AdminRequest, _ record: AuditRecord, back: String) throws -> Response {
    let entry = record.entry
    let diff = AuditDiff(beforeJSON: entry.beforeJSON, afterJSON: entry.afterJSON)
    let rows = diff.rows.map { row -> TemplateValue in
      [
        "field": .string(row.field), "before": .string(row.before ?? ""), "after": .string(row.after ?? ""),
        "inBefore": .bool(row.before != nil), "inAfter": .bool(row.after != nil),
        "changed": .bool(row.changed),
      ]
    }
    let what = AuditLabels.action(entry.action) ?? entry.action
    return try page(
      "admin/audit-entry", title: "Ændring nr. \(entry.id)", for: request,
      [
        "id": .int(Int(entry.id)), "when": .string(DanishTime.text(utc: entry.at)),
        "who": .string(Self.auditWho(record)), "what": .string(what), "code": .string(entry.action),
        "entity": .string(AuditLabels.entity(entry.entity, id: entry.entityId)),
        "municipality": .string(record.municipalityName ?? "Hele landet"),
        "rows": .array(rows), "hasBefore": .bool(entry.beforeJSON != nil),
        "hasAfter": .bool(entry.afterJSON != nil),
        "beforeJSON": AuditDiff.pretty(entry.beforeJSON).map(TemplateValue.string) ?? .null,
        "afterJSON": AuditDiff.pretty(entry.afterJSON).map(TemplateValue.string) ?? .null,
        "back": .string(back),
      ])
  }

  /// Who made the change: name and e-mail address, or the command line for entries without a user.
  static func auditWho(_ record: AuditRecord) -> String {
    guard let userId = record.entry.userId else { return "system (kommandolinjen)" }
    guard let email = record.userEmail else { return "bruger nr. \(userId)" }
    guard let name = record.userName, !name.isEmpty else { return email }
    return "\(name) (\(email))"
  }
}
