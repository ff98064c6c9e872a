import Foundation
import HTTPTestSupport

/// Sends payloads through every field of every form a signed-in user is served: each form found on the pages it
/// crawls is submitted once per payload with the payload in every field (selects included), and once per payload
/// with the payload in the text fields only and valid values in the parsed ones (dates, numbers, e-mail
/// addresses, choices), so that the rules accept what they can and the text is stored.
struct FormFuzzer {
  /// Actions never submitted (they would end the session or throw the content away before it is shown).
  var skip: (String) -> Bool
  /// A valid value for a parsed field.
  var validValue: (HTMLForm.Field) -> String
  var payloads = HostileInput.all

  struct Submission {
    var action: String
    var payload: String
    var reply: TestClient.Reply
    /// The page the POST redirected to, if it did.
    var followed: (String, TestClient.Reply)?
  }

  /// The forms of `html` worth submitting, one per action and set of field names, numbers replaced (`/maal/12` ~
  /// `/maal/13`).
  static func distinct(_ forms: [HTMLForm], seen: inout Set<String>) -> [HTMLForm] {
    forms.filter { form in
      let key =
        form.method + " " + form.action.replacing(/[0-9]+/, with: "#") + " "
        + form.fields.map { $0.name.replacing(/[0-9]+/, with: "#") }.sorted().joined(separator: ",")
      return seen.insert(key).inserted
    }
  }

  /// Submits `form` (whose page is the browser's last page) with every payload, both ways.
  func submit(_ form: HTMLForm, from page: String, as browser: Browser) throws -> [Submission] {
    var submissions: [Submission] = []
    for payload in payloads {
      for everyField in [true, false] {
        try browser.get(page)  // fresh one-time tokens
        let current = HTMLForm.all(in: browser.lastPage).first { $0.action == form.action } ?? form
        let fields = current.fields.compactMap { field -> (String, String)? in
          switch field.kind {
          case "hidden": return (field.name, field.value)
          case "file", "submit": return nil
          default:
            if everyField { return (field.name, payload) }
            if field.kind == "select" {
              return (field.name, field.options.first { !$0.isEmpty } ?? field.value)
            }
            if field.isParsed || field.kind == "email" {
              // The value the form suggests (the next free budget year, a date), else one the rules take.
              return (
                field.name, field.value.isEmpty || field.kind == "email" ? validValue(field) : field.value
              )
            }
            return (field.name, payload)
          }
        }
        if current.method == "get" {
          let query = fields.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
          let target = current.action + (current.action.contains("?") ? "&" : "?") + query
          submissions.append(Submission(action: target, payload: payload, reply: try browser.get(target)))
          continue
        }
        let reply = try browser.post(current.action, fields, useFormTokens: false)
        var followed: (String, TestClient.Reply)?
        if reply.status == 303, let location = reply.headers["Location"], location.hasPrefix("/") {
          followed = (location, try browser.get(location))
        }
        submissions.append(
          Submission(action: current.action, payload: payload, reply: reply, followed: followed))
      }
    }
    return submissions
  }
}
