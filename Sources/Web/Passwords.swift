import CCrypt
import Glibc

/// Passwords hashed with yescrypt through the system's libcrypt (`$y$…` strings, salt and cost inside), checked in
/// constant time. Nothing here keeps a password longer than the call.
public enum Passwords {
  /// The only rule on a chosen password: at least this many characters (no composition rules).
  public static let minimumLength = 12

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Nil when `password` is acceptable, else the reason in Danish for the form.
  public static func problem(with password: String) -> String? {
    password.count < minimumLength ? "Adgangskoden skal have mindst \(minimumLength) tegn." : nil
  }

  /// A new yescrypt hash of `password` with a fresh random salt and libcrypt's default cost.
  public static func hash(_ password: String) throws -> String {
    guard !password.utf8.contains(0) else { throw Failure(description: "a password cannot contain NUL") }
    var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
    guard crypt_gensalt_rn("$y$", 0, nil, 0, &setting, Int32(setting.count)) != nil else {
      throw Failure(description: "crypt_gensalt_rn failed (errno \(errno))")
    }
    guard let hashed = crypt(password, setting: setting), hashed.hasPrefix("$y$") else {
      throw Failure(description: "crypt_rn failed (errno \(errno))")
    }
    return hashed
  }

  /// Whether `password` hashes to `storedHash` (a `$y$…` string); false for anything malformed.
  public static func verify(_ password: String, against storedHash: String) -> Bool {
    guard storedHash.hasPrefix("$y$"), !password.utf8.contains(0),
      let again = crypt(password, setting: Array(storedHash.utf8CString))
    else { return false }
    return ConstantTime.equal(again, storedHash)
  }

  /// A random password for a new account, to be changed at first login: 20 characters from an alphabet without
  /// look-alikes (no 0/O, 1/l/I), about 110 bits.
  public static func oneTime() -> String {
    let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    var generator = SystemRandomNumberGenerator()
    return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
  }

  private static func crypt(_ password: String, setting: [CChar]) -> String? {
    var data = crypt_data()
    let size = Int32(MemoryLayout<crypt_data>.size)
    return withUnsafeMutableBytes(of: &data) { raw -> String? in
      guard let result = crypt_rn(password, setting, raw.baseAddress, size) else { return nil }
      let text = String(cString: result)
      // "*0" / "*1" are libcrypt's failure tokens.
      return text.hasPrefix("*") ? nil : text
    }
  }
}
