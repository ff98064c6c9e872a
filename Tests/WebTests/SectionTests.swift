import XCTest

@testable import Web

final class SectionTests: XCTestCase {
  func testIfElseFollowsTruthiness() throws {
    let template = "{{# if v }}yes{{ else }}no{{/ if }}"
    let cases: [(TemplateValue, String)] = [
      (true, "yes"), (false, "no"), (nil, "no"), ("", "no"), ("x", "yes"), ([], "no"), ([1], "yes"),
      (0, "yes"), ([:], "yes"), (.raw(RawHTML(trusted: "")), "no"),
    ]
    for (value, expected) in cases {
      XCTAssertEqual(try TemplateFolder.render(template, ["v": value]), expected, "\(value)")
    }
    XCTAssertEqual(try TemplateFolder.render(template, [:]), "no", "a missing value is false")
  }

  func testUnlessIsTheOppositeOfIf() throws {
    let template = "{{# unless v }}empty{{ else }}full{{/ unless }}"
    XCTAssertEqual(try TemplateFolder.render(template, ["v": []]), "empty")
    XCTAssertEqual(try TemplateFolder.render(template, ["v": ["a"]]), "full")
  }

  func testEachGivesTheElementAsContextAndDescribesTheLoop() throws {
    let template =
      "{{# each goals }}[{{ @index }}/{{ @number }} {{ title }}{{# if @first }} first{{/ if }}"
      + "{{# if @last }} last{{/ if }}]{{/ each }}"
    let html = try TemplateFolder.render(
      template, ["goals": [["title": "A"], ["title": "B"], ["title": "C"]]])
    XCTAssertEqual(html, "[0/1 A first][1/2 B][2/3 C last]")
  }

  func testEachOverStringsUsesThis() throws {
    XCTAssertEqual(
      try TemplateFolder.render("{{# each xs }}<{{ this }}>{{/ each }}", ["xs": ["a", "&"]]), "<a><&amp;>")
  }

  func testEachElseRendersForAnEmptyOrMissingList() throws {
    let template = "{{# each items }}{{ . }}{{ else }}none{{/ each }}"
    XCTAssertEqual(try TemplateFolder.render(template, ["items": []]), "none")
    XCTAssertEqual(try TemplateFolder.render(template, [:]), "none")
    XCTAssertEqual(try TemplateFolder.render(template, ["items": "not a list"]), "none")
    XCTAssertEqual(try TemplateFolder.render(template, ["items": [1, 2]]), "12")
  }

  func testOuterContextIsReachedWithDotDot() throws {
    let template =
      "{{# each regions }}{{# each municipalities }}{{ ../../site }}:{{ ../name }}/{{ name }}"
      + "@{{ ../@index }}.{{ @index }} {{/ each }}{{/ each }}"
    let html = try TemplateFolder.render(
      template,
      [
        "site": "BI",
        "regions": [
          ["name": "Nord", "municipalities": [["name": "Aalborg"], ["name": "Læsø"]]],
          ["name": "Syd", "municipalities": [["name": "Ærø"]]],
        ],
      ])
    XCTAssertEqual(html, "BI:Nord/Aalborg@0.0 BI:Nord/Læsø@0.1 BI:Syd/Ærø@1.0 ")
  }

  func testNamesDoNotFallThroughToTheOuterContext() throws {
    let html = try TemplateFolder.render(
      "{{# each xs }}[{{ title }}]{{/ each }}", ["title": "outer", "xs": [[:]]])
    XCTAssertEqual(html, "[]")
  }

  func testNestedSectionsOfEveryKind() throws {
    let template =
      "{{# if show }}{{# each xs }}{{# unless hidden }}{{# if @last }}({{ n }}){{ else }}{{ n }},{{/ if }}"
      + "{{/ unless }}{{/ each }}{{/ if }}"
    let context: TemplateValue = [
      "show": true, "xs": [["n": 1], ["n": 2, "hidden": true], ["n": 3], ["n": 4]],
    ]
    XCTAssertEqual(try TemplateFolder.render(template, context), "1,3,(4)")
  }

  func testDottedPathsAndMissingValues() throws {
    let context: TemplateValue = ["goal": ["title": "Rehabilitering", "area": ["name": "Ældre"]]]
    XCTAssertEqual(
      try TemplateFolder.render("{{ goal.title }} – {{ goal.area.name }}", context), "Rehabilitering – Ældre")
    XCTAssertEqual(
      try TemplateFolder.render(
        "[{{ nothing }}][{{ goal.missing }}][{{ goal.title.deeper }}][{{ goal }}]", context),
      "[][][][]")
  }

  func testLoopVariablesOutsideALoopAreEmpty() throws {
    XCTAssertEqual(try TemplateFolder.render("[{{ @index }}]{{# if @first }}x{{/ if }}", [:]), "[]")
    XCTAssertEqual(try TemplateFolder.render("[{{ ../name }}]", ["name": "top"]), "[]")
  }

  func testCommentsProduceNothing() throws {
    XCTAssertEqual(
      try TemplateFolder.render("a{{! a comment with { braces } and <tags> }}b{{! multi\nline }}c", [:]),
      "abc")
  }

  func testTemplateValuesFromSwiftTypes() throws {
    struct Goal: TemplateRenderable {
      let title: String
      var templateValue: TemplateValue { ["title": .string(title)] }
    }
    let context: TemplateValue = [
      "goals": TemplateValue([Goal(title: "A"), Goal(title: "B")]), "none": TemplateValue(Int?.none),
    ]
    XCTAssertEqual(
      try TemplateFolder.render("{{# each goals }}{{ title }}{{/ each }}[{{ none }}]", context), "AB[]")
  }

  func testSpacingInsideTagsIsFree() throws {
    let files = [
      "page.html": "{{#if x}}{{>p}}{{else}}no{{/if}}|{{#\teach\n  xs }}{{.}}{{/ each}}|{{raw( r )}}",
      "partials/p.html": "{{   x   }}",
    ]
    XCTAssertEqual(
      try TemplateFolder.render(files, ["x": "<", "xs": [1, 2], "r": .raw(RawHTML(trusted: "<br>"))]),
      "&lt;|12|<br>")
  }
}
