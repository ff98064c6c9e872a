/// Response header fields that tell browsers what a page may do (load, embed, send). Give `fields` to
/// `ServerConfiguration.responseHeaders`: the server then adds them to every response it writes (routes' answers,
/// errors, and the answers it builds before any route runs: 400, 408, 413, 431, 503 …), written out once and copied
/// per response. `middleware` adds them inside a router instead, for a router answered without such a server.
/// Either way a field the response already has is left as it is, so a route can send a stricter or looser value.
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
