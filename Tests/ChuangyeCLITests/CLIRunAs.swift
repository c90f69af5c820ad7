import Foundation

extension CLI {
    /// The account the tests run as: the one name `--operator` may use for a supervisor.
    static var systemUser: String {
        guard let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name else { return "root" }
        return String(cString: name)
    }

    /// `run(as:_:)` with the arguments as an array.
    func run(as name: String, args: [String]) throws -> Output {
        try launch(CLI.binary, args + ["--db", db, "--operator", name])
    }

    /// Runs the binary as `run` does, but as operator `name` (`run` is always 王芳), optionally under `prefix`
    /// (e.g. `setpriv` to drop root's rights).
    func run(as name: String, prefix: [String] = [], _ args: String...) throws -> Output {
        try launch(URL(fileURLWithPath: prefix.first ?? CLI.binary.path),
                   Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [CLI.binary.path]) + args + ["--db", db, "--operator", name])
    }
}
