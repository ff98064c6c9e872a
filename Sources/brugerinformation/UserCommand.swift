import Domain
import Store
import Web

enum UserCommand: Command {
  static let name = "user"
  static let summary = "add admin accounts (prints a one-time password), list them"
  static let flagNames: Set<String> = []
  static let optionNames: Set<String> = ["database", "email", "name", "role", "municipality"]
  static let subcommands: Set<String> = ["add", "list"]
  static let help = """
    Usage: brugerinformation user add --email E --role R [--municipality CODE] [--name N] [--database PATH]
           brugerinformation user list [--municipality CODE] [--database PATH]

    add   creates an account and prints a one-time password; the first login asks for a new one.
          Roles: editor and municipal_admin (both need --municipality, the four-digit code),
          ministry and sysadmin (no municipality). The password is stored only as a yescrypt hash.
    list  prints every account (or one municipality's): e-mail, role, municipality, active.

    Options:
    \(DatabaseOption.help)
      --help            this text

    """

  static func run(_ arguments: Arguments) throws {
    let store = try Store.open(path: DatabaseOption.path(from: arguments), readers: 1)
    switch arguments.positionals.first {
    case "add": try add(arguments, store)
    default: try list(arguments, store)
    }
  }

  private static func add(_ arguments: Arguments, _ store: Store) throws {
    guard let email = arguments.string("email") else { throw UsageError("--email is required") }
    guard let roleName = arguments.string("role") else { throw UsageError("--role is required") }
    guard let role = Role(rawValue: roleName) else {
      throw UsageError(
        "unknown role '\(roleName)': one of " + Role.allCases.map(\.rawValue).joined(separator: ", "))
    }
    let password = Passwords.oneTime()
    let user = User(
      email: email, name: arguments.string("name") ?? "", role: role,
      municipalityCode: arguments.string("municipality"), mustChangePassword: true)
    let id = try store.addUser(user, passwordHash: try Passwords.hash(password))
    _ = try store.audit(
      userId: nil, action: "user.add", entity: "app_user", entityId: String(id),
      municipalityCode: user.municipalityCode,
      afterJSON: "{\"role\":\"\(role.rawValue)\"}")
    say("added \(email) (\(role.danishName)\(user.municipalityCode.map { ", kommune \($0)" } ?? ""))")
    say("one-time password: \(password)")
    say(
      "it works once: the first login asks for a new password of at least \(Passwords.minimumLength) characters"
    )
  }

  private static func list(_ arguments: Arguments, _ store: Store) throws {
    for user in try store.users(municipalityCode: arguments.string("municipality")) {
      say(
        [
          user.email, user.role.rawValue, user.municipalityCode ?? "-",
          user.isActive ? "active" : "deactivated",
        ]
        .joined(separator: "\t"))
    }
  }
}
