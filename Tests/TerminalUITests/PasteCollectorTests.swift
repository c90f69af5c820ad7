import Foundation
import Testing
@testable import TerminalUI

/// Issue 18 item 7: a paste is cut to the field's length while it arrives, whatever its size.
struct PasteCollectorTests {
    static let end = PasteCollector.endMarker

    @Test func aOneMegabytePasteKeepsOnlyTheLimitAndFindsTheEnd() {
        let body = Array(String(repeating: "张三，", count: 1_000_000 / 9).utf8)
        var collector = PasteCollector(limit: 31)
        let all = body + Self.end + Array("x".utf8)
        let started = Date()
        var offset = 0
        while offset < all.count {
            let next = min(all.count, offset + 4096)
            collector.feed(all[offset..<next])
            offset = next
        }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(collector.finished)
        #expect(collector.text == String(String(repeating: "张三，", count: 11).prefix(31)))
        #expect(collector.truncated)
        #expect(collector.dropped == body.count / 3 - 31)
        #expect(collector.leftover == Array("x".utf8))
    }

    @Test func anEndMarkerCutBetweenReadsIsFound() {
        var collector = PasteCollector(limit: 100)
        collector.feed(Array("王芳".utf8) + Self.end.prefix(3))
        #expect(!collector.finished)
        collector.feed(Self.end.dropFirst(3))
        #expect(collector.finished)
        #expect(collector.text == "王芳")
        #expect(!collector.truncated)
    }

    @Test func anEscapeThatIsNotTheMarkerIsText() {
        var collector = PasteCollector(limit: 100)
        collector.feed([0x1B, 0x5B, 0x32, 0x41] + [0x1B] + Self.end)
        #expect(collector.finished)
        #expect(Array(collector.text.utf8) == [0x1B, 0x5B, 0x32, 0x41, 0x1B])
    }

    @Test func aLimitOfZeroKeepsNothing() {
        var collector = PasteCollector(limit: 0)
        collector.feed(Array("abc".utf8) + Self.end)
        #expect(collector.text.isEmpty)
        #expect(collector.dropped == 3)
    }
}
