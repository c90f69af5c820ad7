/// A failure the CLI reports in Chinese: data problems exit 1, usage problems exit 2.
enum CLIFailure: Error, CustomStringConvertible {
    /// Bad data, a refused import, a database problem: exit code 1.
    case data(String)
    /// The command line itself is wrong: exit code 2.
    case usage(String)

    var description: String {
        switch self {
        case .data(let m), .usage(let m): m
        }
    }

    var exitCode: Int32 {
        switch self {
        case .data: 1
        case .usage: 2
        }
    }
}
