import Foundation
import XCTest

@testable import brugerinformation

/// The benchmark page's byte escaper tests eight bytes at a time; it must agree with the obvious byte-by-byte one.
final class EscapingTests: XCTestCase {
  private func reference(_ text: [UInt8]) -> [UInt8] {
    text.flatMap { byte -> [UInt8] in
      switch byte {
      case UInt8(ascii: "&"): Array("&amp;".utf8)
      case UInt8(ascii: "<"): Array("&lt;".utf8)
      case UInt8(ascii: ">"): Array("&gt;".utf8)
      case UInt8(ascii: "\""): Array("&quot;".utf8)
      case UInt8(ascii: "'"): Array("&#39;".utf8)
      default: [byte]
      }
    }
  }

  private func escaped(_ text: [UInt8]) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: text.count * 6 + 8) { buffer, count in
      var writer = ByteWriter(buffer.baseAddress!)
      writer.writeEscaped(text)
      count = writer.count
    }
  }

  func testAgreesWithByteByByteEscapingOnRandomText() {
    // Dense in the characters that matter and their near neighbours (# $ % ; = ? and the masked-compare twins).
    let alphabet = Array("&<>\"'#$%;=?:()\"<>& abcæøå".utf8) + [0, 0x7F, 0x80, 0xFF]
    var generator = SystemRandomNumberGenerator()
    for length in 0..<80 {
      for _ in 0..<40 {
        let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
        XCTAssertEqual(escaped(text), reference(text), "\(text)")
      }
    }
  }

  func testEveryByteValueAtEveryOffsetOfAWord() {
    for byte in 0...255 {
      for offset in 0..<17 {
        var text = [UInt8](repeating: UInt8(ascii: "a"), count: 17)
        text[offset] = UInt8(byte)
        XCTAssertEqual(escaped(text), reference(text), "byte \(byte) at \(offset)")
      }
    }
  }

  func testThePageIsTheOneThePeersServe() throws {
    let page = BenchmarkPage.render()
    XCTAssertEqual(page.count, 20_721)
    let text = String(decoding: page, as: UTF8.self)
    XCTAssertTrue(text.contains("Widget #1 &lt;Alpha &amp; Beta&gt;"))
    XCTAssertTrue(text.contains("O&#39;Brien &amp; &quot;Sons&quot;"))
    XCTAssertFalse(text.contains("<script>"))
    // The peers' static copy, when the shared folder is beside the repository.
    let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../../shared/peers/nginx/page.html")
    if let reference = try? Data(contentsOf: shared) {
      XCTAssertEqual(page, Array(reference))
    }
  }
}
