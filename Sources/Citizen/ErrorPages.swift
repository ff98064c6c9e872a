import Foundation
import HTTP
import Store
import Web

extension CitizenSite {
  /// Middleware: a `PageError` becomes the site's error page with its message, the HTTP layer's errors (404, 405,
  /// 400 for a bad escape) the same page with the site's own text; anything else is logged and becomes a 500 page
  /// that reveals nothing of it.
  var errorPages: Middleware {
    { request, next in
      do {
        return try next(request)
      } catch let error as PageError {
        return try errorPage(status: error.status, message: error.message)
      } catch let error as Store.WriteUnavailable {
        FileHandle.standardError.write(Data("error: \(request.method) \(request.path): \(error)\n".utf8))
        return try errorPage(status: .serviceUnavailable, message: error.message)
      } catch let error as HTTPError {
        var response = try errorPage(status: error.status, message: "")
        for (name, value) in error.headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
      } catch {
        FileHandle.standardError.write(Data("error: \(request.method) \(request.path): \(error)\n".utf8))
        return try errorPage(status: .internalServerError, message: "")
      }
    }
  }

  func errorPage(status: HTTPStatus, message: String) throws -> Response {
    let (title, text): (String, String) =
      switch status.code {
      case 404:
        (
          "Siden findes ikke",
          "Vi kan ikke finde den side, du leder efter. Måske er adressen skrevet forkert, eller siden er flyttet."
        )
      case 405:
        ("Siden kan ikke vises", "Siden kan kun læses; den tager ikke imod data sendt på denne måde.")
      case 503:
        ("Ændringen kunne ikke gemmes", "Portalen kan lige nu ikke gemme ændringer, men kan stadig læses.")
      case 500...:
        ("Der skete en fejl", "Portalen kunne ikke vise siden på grund af en fejl hos os. Prøv igen om lidt.")
      default:
        ("Siden kan ikke vises", "Forespørgslen kunne ikke behandles.")
      }
    return try page(
      "citizen/error", title: title, status: status,
      [
        "heading": .string(title), "text": .string(text), "code": .int(status.code),
        "message": .string(status.code >= 500 && status.code != 503 ? "" : message),
      ])
  }
}
