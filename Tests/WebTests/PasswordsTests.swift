import XCTest

@testable import Web

final class PasswordsTests: XCTestCase {
  func testYescryptHashesVerifyTheRightPasswordOnly() throws {
    let password = "korrekt hest batteri hæftning"
    let hash = try Passwords.hash(password)
    XCTAssertTrue(hash.hasPrefix("$y$"), hash)
    XCTAssertFalse(hash.contains(password))
    XCTAssertTrue(Passwords.verify(password, against: hash))
    XCTAssertFalse(Passwords.verify(password + " ", against: hash))
    XCTAssertFalse(Passwords.verify("korrekt hest batteri haeftning", against: hash))
    XCTAssertFalse(Passwords.verify("", against: hash))
  }

  func testEachHashHasItsOwnSalt() throws {
    let first = try Passwords.hash("samme adgangskode")
    let second = try Passwords.hash("samme adgangskode")
    XCTAssertNotEqual(first, second)
    XCTAssertTrue(Passwords.verify("samme adgangskode", against: first))
    XCTAssertTrue(Passwords.verify("samme adgangskode", against: second))
  }

  func testMalformedStoredHashesNeverVerify() throws {
    let hash = try Passwords.hash("en god lang adgangskode")
    for stored in ["", "*0", "plain text", "$1$abc$def", String(hash.dropLast(4)), hash.uppercased()] {
      XCTAssertFalse(Passwords.verify("en god lang adgangskode", against: stored), stored)
    }
    XCTAssertThrowsError(try Passwords.hash("nul\u{0}tegn i midten"))
  }

  func testLengthIsTheOnlyRule() {
    XCTAssertNotNil(Passwords.problem(with: String(repeating: "a", count: Passwords.minimumLength - 1)))
    XCTAssertNil(Passwords.problem(with: String(repeating: "a", count: Passwords.minimumLength)))
    XCTAssertNil(Passwords.problem(with: "æøåæøåæøåæøå"), "counted in characters, not bytes")
  }

  func testOneTimePasswordsAreLongRandomAndUnambiguous() {
    let passwords = (0..<200).map { _ in Passwords.oneTime() }
    XCTAssertEqual(Set(passwords).count, passwords.count)
    for password in passwords {
      XCTAssertNil(Passwords.problem(with: password))
      XCTAssertFalse(password.contains { "0O1lI".contains($0) }, password)
    }
  }
}

final class SessionTokenTests: XCTestCase {
  func testTokensAre256RandomBitsAndOnlyTheirDigestIsKept() {
    let tokens = (0..<500).map { _ in SessionToken.generate() }
    XCTAssertEqual(Set(tokens).count, tokens.count)
    for token in tokens.prefix(20) {
      XCTAssertEqual(token.utf8.count, 64)
      XCTAssertTrue(token.allSatisfy(\.isHexDigit))
      let digest = SessionToken.digest(token)
      XCTAssertEqual(digest, SHA256.hex(Array(token.utf8)))
      XCTAssertNotEqual(digest, token)
    }
    // Every hex digit appears across the tokens: the bytes are not stuck.
    XCTAssertEqual(Set(tokens.joined()).count, 16)
  }
}
