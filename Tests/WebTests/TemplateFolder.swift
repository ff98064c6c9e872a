import Foundation
import XCTest

@testable import Web

/// Writes templates into a fresh temporary folder and compiles them as the portal does at start-up.
enum TemplateFolder {
  static func library(_ files: [String: String]) throws -> TemplateLibrary {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "web-templates-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (path, text) in files {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    return try TemplateLibrary(directory: folder.path)
  }

  /// Renders the page `page` of a library made of `files`.
  static func render(_ files: [String: String], page: String = "page", _ context: TemplateValue = [:]) throws
    -> String
  {
    String(decoding: try library(files).render(page, context), as: UTF8.self)
  }

  /// Renders one page template given as text.
  static func render(_ template: String, _ context: TemplateValue = [:]) throws -> String {
    try render(["page.html": template], context)
  }

  /// The error compiling `files` throws (fails the test when it compiles).
  static func error(
    _ files: [String: String], file: StaticString = #filePath, line: UInt = #line
  ) -> TemplateError? {
    do {
      _ = try library(files)
      XCTFail("compiled without an error", file: file, line: line)
      return nil
    } catch let error as TemplateError {
      return error
    } catch {
      XCTFail("unexpected \(error)", file: file, line: line)
      return nil
    }
  }
}
