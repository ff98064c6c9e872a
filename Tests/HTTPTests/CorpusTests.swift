import Foundation
import XCTest

@testable import HTTP

/// Every case of the shared request corpus (`../shared/http-cases/cases.json`, or env `HTTP_CASES`) through
/// the parser, whole and one byte at a time, judged as the corpus README says.
final class CorpusTests: XCTestCase {
  struct Corpus: Decodable { let cases: [Case] }
  struct Case: Decodable {
    let id: String
    let name: String
    let inputB64: String
    let expect: Expect

    enum CodingKeys: String, CodingKey {
      case id, name, expect
      case inputB64 = "input_b64"
    }
  }
  struct Expect: Decodable {
    let kind: String
    let requests: [Req]?
    let prefixRequests: [Req]?
    let after: String?
    let status: [Int]?

    enum CodingKeys: String, CodingKey {
      case kind, requests, after, status
      case prefixRequests = "prefix_requests"
    }
  }
  struct Req: Decodable {
    let method: String
    let target: String
    let version: String
    let bodyB64: String
    let headers: [[String]]
    let trailers: [[String]]?

    enum CodingKeys: String, CodingKey {
      case method, target, version, headers, trailers
      case bodyB64 = "body_b64"
    }
  }

  static let rejectStatuses: Set<Int> = [400, 413, 414, 431, 501, 505]

  func loadCorpus() throws -> Corpus {
    let path: String
    if let fromEnvironment = ProcessInfo.processInfo.environment["HTTP_CASES"] {
      path = fromEnvironment
    } else {
      let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
      path = packageRoot.appendingPathComponent("../shared/http-cases/cases.json").standardized.path
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try JSONDecoder().decode(Corpus.self, from: data)
  }

  func testEveryCaseWholeAndByteByByte() throws {
    let corpus = try loadCorpus()
    XCTAssertGreaterThan(corpus.cases.count, 100)
    var kinds: [String: Int] = [:]
    for testCase in corpus.cases {
      guard let input = Data(base64Encoded: testCase.inputB64) else {
        XCTFail("\(testCase.id): bad base64")
        continue
      }
      let bytes = [UInt8](input)
      let whole = ParserRun(bytes, pieceSize: max(1, bytes.count))
      let byteByByte = ParserRun(bytes, pieceSize: 1)
      XCTAssertEqual(whole, byteByByte, "\(testCase.id): whole and byte-by-byte parses differ")
      judge(testCase, whole, label: "whole")
      judge(testCase, byteByByte, label: "bytewise")
      kinds[testCase.expect.kind, default: 0] += 1
    }
    XCTAssertEqual(Set(kinds.keys), ["requests", "reject", "incomplete", "either"])
  }

  func judge(_ testCase: Case, _ run: ParserRun, label: String) {
    let context = "\(testCase.id) [\(label)] \(testCase.name)"
    let expect = testCase.expect
    switch expect.kind {
    case "requests":
      compare(run, expect.requests ?? [], context)
      checkAfter(run, expect.after ?? "idle", count: expect.requests?.count ?? 0, context)
    case "reject":
      let prefix = expect.prefixRequests ?? []
      compare(run, prefix, context)
      XCTAssertEqual(run.requests.count, prefix.count, "\(context): requests after the prefix")
      guard case .failed(let status) = run.end else {
        return XCTFail("\(context): expected rejection, got \(run.end)")
      }
      XCTAssertTrue(
        (expect.status ?? []).contains(status), "\(context): status \(status) not in \(expect.status ?? [])")
    case "incomplete":
      XCTAssertEqual(run.requests.count, 0, "\(context): produced a request")
      guard case .needMore = run.end else { return XCTFail("\(context): expected need-more, got \(run.end)") }
    case "either":
      if case .failed(let status) = run.end, run.requests.isEmpty {
        XCTAssertTrue(Self.rejectStatuses.contains(status), "\(context): status \(status)")
      } else {
        compare(run, expect.requests ?? [], context)
        checkAfter(run, expect.after ?? "idle", count: expect.requests?.count ?? 0, context)
      }
    default:
      XCTFail("\(context): unknown kind \(expect.kind)")
    }
  }

  func checkAfter(_ run: ParserRun, _ after: String, count: Int, _ context: String) {
    switch after {
    case "idle":
      XCTAssertEqual(run.requests.count, count, context)
      XCTAssertEqual(run.end, .needMore(partial: false), context)
    case "close":
      XCTAssertEqual(run.requests.count, count, context)
      XCTAssertEqual(run.end, .closed, context)
    case "incomplete":
      XCTAssertEqual(run.requests.count, count, context)
      XCTAssertEqual(run.end, .needMore(partial: true), context)
    case "any":
      XCTAssertGreaterThanOrEqual(run.requests.count, count, context)
    default:
      XCTFail("\(context): unknown after \(after)")
    }
  }

  func compare(_ run: ParserRun, _ expected: [Req], _ context: String) {
    guard run.requests.count >= expected.count else {
      return XCTFail("\(context): parsed \(run.requests.count) of \(expected.count) requests; end \(run.end)")
    }
    for (index, request) in expected.enumerated() {
      let actual = run.requests[index]
      let wanted = ParsedSummary(
        method: corpusString(request.method), target: corpusString(request.target), version: request.version,
        headers: request.headers.map { $0.map(corpusString) },
        trailers: request.trailers.map { $0.map { $0.map(corpusString) } } ?? actual.trailers,
        body: [UInt8](Data(base64Encoded: request.bodyB64) ?? Data()))
      XCTAssertEqual(actual, wanted, "\(context): request \(index)")
    }
  }

  /// A corpus string holds one character per byte; the parser's String for those bytes.
  func corpusString(_ value: String) -> String {
    let bytes = value.unicodeScalars.map { UInt8($0.value) }
    return bytes.withUnsafeBufferPointer { makeString($0) }
  }
}
