/// Response header fields that tell browsers what a page may do (load, embed, send), added to every response
/// that passes through `middleware`: handler responses, static files, and the errors thrown on the way (404, 405,
/// 500), whose `HTTPError` carries the fields to the response the server builds from it. A field the response
/// already has is left as it is, so a route can send a stricter or looser value of its own.
/// Answers the server builds before any route runs (400, 408, 413, 431, 503 …) never pass through a middleware:
/// give the same fields to `ServerConfiguration.responseHeaders` as well.
public struct SecurityHeaders: Sendable {
  public var fields: HTTPHeaders

  public init(fields: HTTPHeaders = SecurityHeaders.strict) {
    self.fields = fields
  }

  /// Only this origin's scripts, styles, fonts, images (and `data:` images), forms and connections; no plugins,
  /// no framing, no `<base>`; no MIME sniffing; the referrer only to this origin; no powerful browser features.
  public static let strict: HTTPHeaders = [
    "Content-Security-Policy":
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  ]

  /// HSTS for a site served only over https: browsers refuse plain http to it and its subdomains for a year.
  public static let strictTransportSecurity: HTTPHeaders = [
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains"
  ]

  /// For `Router.use`, so that 404s, 405s and OPTIONS answers get the fields too (group middleware never sees
  /// them). An error that is not an `HTTPError` becomes a 500 carrying the fields.
  public var middleware: Middleware {
    let fields = self.fields
    return { request, next in
      do {
        var response = try next(request)
        SecurityHeaders.add(fields, to: &response.headers)
        return response
      } catch var error as HTTPError {
        SecurityHeaders.add(fields, to: &error.headers)
        throw error
      } catch {
        // The server logs a 500's message and never sends it.
        throw HTTPError(.internalServerError, "\(error)", headers: fields)
      }
    }
  }

  static func add(_ fields: HTTPHeaders, to headers: inout HTTPHeaders) {
    for field in fields where !headers.contains(field.name) {
      headers.add(name: field.name, value: field.value)
    }
  }
}
