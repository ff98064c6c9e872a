import Foundation

/// One subcommand of `brugerinformation`.
protocol Command {
  static var name: String { get }
  /// One line for the overview.
  static var summary: String { get }
  /// The full `--help` text: usage line, options, environment.
  static var help: String { get }
  /// Options that take no value.
  static var flagNames: Set<String> { get }
  /// Options that take a value.
  static var optionNames: Set<String> { get }
  /// Words the command takes as its first argument (`user add`); none for most.
  static var subcommands: Set<String> { get }
  /// What the one required positional argument names (`backup FILE`: "FILE"); nil for none.
  static var operand: String? { get }
  static func run(_ arguments: Arguments) throws
}

extension Command {
  static var subcommands: Set<String> { [] }
  static var operand: String? { nil }
}

enum CommandLineTool {
  static var commands: [any Command.Type] {
    [
      ServeCommand.self, MigrateCommand.self, SeedCommand.self, GenerateCommand.self, UserCommand.self,
      TokenCommand.self, BackupCommand.self, RestoreCommand.self,
    ]
  }

  static var overview: String {
    var text = """
      brugerinformation: the national portal for municipal quality contracts (kvalitetskontrakter).

      Usage: brugerinformation <command> [options]

      Commands:

      """
    for command in commands {
      text += "  " + command.name.padding(toLength: 10, withPad: " ", startingAt: 0) + command.summary + "\n"
    }
    text += "\nRun 'brugerinformation <command> --help' for a command's options.\n"
    return text
  }

  /// Runs the command named by `words[0]` and returns the process's exit status.
  static func main(_ words: [String]) -> Int32 {
    guard let first = words.first, first != "--help", first != "-h", first != "help" else {
      print(overview, terminator: "")
      return words.isEmpty ? 64 : 0
    }
    guard let command = commands.first(where: { $0.name == first }) else {
      printError("unknown command '\(first)'\n\n" + overview)
      return 64
    }
    do {
      let rest = Array(words.dropFirst())
      if rest.contains("--help") || rest.contains("-h") {
        print(command.help, terminator: "")
        return 0
      }
      let arguments = try Arguments(rest, flagNames: command.flagNames, valueNames: command.optionNames)
      let expected = command.subcommands.isEmpty && command.operand == nil ? 0 : 1
      if let operand = command.operand, arguments.positionals.isEmpty {
        throw UsageError("say which \(operand)")
      }
      if let stray = arguments.positionals.dropFirst(expected).first {
        throw UsageError("unexpected argument '\(stray)'")
      }
      if !command.subcommands.isEmpty, !command.subcommands.contains(arguments.positionals.first ?? "") {
        throw UsageError(
          "say what to do: " + command.subcommands.sorted().joined(separator: " or ")
            + (arguments.positionals.first.map { " (not '\($0)')" } ?? ""))
      }
      try command.run(arguments)
      return 0
    } catch let error as UsageError {
      printError("\(command.name): \(error)\n\n\(command.help)")
      return 64
    } catch {
      printError("\(command.name): \(error)")
      return 1
    }
  }
}

/// Writes a line to stdout at once (stdout is block-buffered when it is a pipe; the access log shares it).
func say(_ message: String) {
  FileHandle.standardOutput.write(Data((message + "\n").utf8))
}

func printError(_ message: String) {
  var text = message
  if !text.hasSuffix("\n") { text += "\n" }
  FileHandle.standardError.write(Data(text.utf8))
}
