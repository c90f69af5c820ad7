import Foundation

extension CLI {
    /// The account the tests run as: the one name `--operator` may use for a supervisor.
    static var systemUser: String {
        guard let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name else { return "root" }
        return String(cString: name)
    }

    /// Runs the binary as `run` does, but as operator `name` (`run` is always 王芳), optionally under `prefix`
    /// (e.g. `setpriv` to drop root's rights).
    func run(as name: String, prefix: [String] = [], _ args: String...) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: prefix.first ?? CLI.binary.path)
        process.arguments = Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [CLI.binary.path]) + args + ["--db", db, "--operator", name]
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
