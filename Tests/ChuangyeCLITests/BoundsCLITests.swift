import Foundation
import Testing

/// Issue 18 item 5 through the real binary: a profile's numbers out of range are refused with a Chinese message
/// and exit 1, never a crash (a trap exits with a signal).
struct BoundsCLITests {
    @Test func aHugeChecklistValueIsRefusedNotACrash() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let bad = profile.replacingOccurrences(of: "service_window = 2", with: "service_window = 999999999999999999")
        let result = try cli.run("init", "--profile", cli.write("bad.toml", bad))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("[checklist] service_window 应为0到1000之间的分数"))
    }

    @Test func aLabourForceOfTwoTimesTenToTheEighteenIsRefused() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let bad = profile.replacingOccurrences(of: "labour_force = 40", with: "labour_force = 2_000_000_000_000_000_000")
        let result = try cli.run("init", "--profile", cli.write("bad.toml", bad))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("城镇劳动者总数应在1到10000000之间"))
        #expect(try cli.run("score").status == 2) // nothing was saved
    }
}
