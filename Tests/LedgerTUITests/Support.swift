import Foundation
import Testing
import LedgerCore
import LedgerResources
import TerminalUI
@testable import LedgerTUI

let testToday = Day(year: 2024, month: 12, day: 31)!

func rubrics() -> [Rubric] {
    guard let dir = LedgerResources.rubricsDirectory, let all = try? Rubric.loadAll(from: dir) else { return [] }
    return all
}

let testCommunity = Community(code: "630102001", name: "八一路社区", street: "八一路街道", district: "城东区", labourForce: 40,
                              period: Period(start: Day(year: 2024, month: 1, day: 1)!, end: testToday),
                              checklist: ["leading_group": Points(2)])

/// An app on the home screen of a community with an empty register.
func homeState(width: Int = 100, height: Int = 30) -> AppState {
    var state = AppState(width: width, height: height, operatorName: "王芳", today: testToday, rubrics: rubrics())
    _ = reduce(&state, .communitiesLoaded([testCommunity]))
    var facts = ScoreFacts()
    facts[.labourForce] = 40
    _ = reduce(&state, .factsLoaded(facts, Counts()))
    _ = reduce(&state, .draftsLoaded([]))
    return state
}

/// Presses keys one by one, collecting every effect.
@discardableResult
func press(_ state: inout AppState, _ keys: [Key]) -> [Effect] {
    keys.flatMap { reduce(&state, .keyPressed($0)) }
}

/// Types text as individual character keys.
func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

extension AppState {
    var form: FormState? {
        if case .form(let f) = screen { return f }
        return nil
    }
}

/// Ratatui's screen test: every line of the buffer (trailing spaces trimmed) against the expected lines, so a
/// stray glyph anywhere fails. On a mismatch the actual screen is recorded as a Swift array to compare by eye.
func expectScreen(_ buffer: Buffer, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = buffer.trimmedLines
    guard actual != expected else { return }
    let literal = actual.map { "    \"\($0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"," }
    var diff: [String] = []
    for i in 0..<max(actual.count, expected.count) {
        let a = i < actual.count ? actual[i] : "(none)", e = i < expected.count ? expected[i] : "(none)"
        if a != e { diff.append("line \(i):\n  actual:   \(a)\n  expected: \(e)") }
    }
    // CHUANGYE_SCREEN_DUMP=FILE: the actual screens are also appended there (a long issue text can be cut by the
    // test runner's output), for reviewing a changed layout.
    if let dump = ProcessInfo.processInfo.environment["CHUANGYE_SCREEN_DUMP"], let handle = FileHandle(forWritingAtPath: dump) {
        handle.seekToEndOfFile()
        handle.write(Data("\(sourceLocation.fileName):\(sourceLocation.line)\n[\n\(literal.joined(separator: "\n"))\n]\n".utf8))
        handle.closeFile()
    }
    Issue.record("screen differs:\n\(diff.joined(separator: "\n"))\nactual screen:\n[\n\(literal.joined(separator: "\n"))\n]",
                 sourceLocation: sourceLocation)
}

/// The row of the buffer drawn in the selection style, if exactly one is.
func selectedLine(_ buffer: Buffer) -> String? {
    let rows = (0..<buffer.height).filter { y in (0..<buffer.width).contains { buffer[$0, y].style == .focus } }
    return rows.count == 1 ? buffer.trimmedLines[rows[0]] : nil
}
