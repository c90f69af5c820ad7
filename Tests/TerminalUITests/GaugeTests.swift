import Testing
@testable import TerminalUI

struct GaugeTests {
    @Test(arguments: [
        (0.0, "        "), (1.0 / 64, "▏       "), (0.5, "████    "), (0.746, "█████▉  "), (1.0, "████████"), (1.7, "████████"),
        (-1.0, "        "), (Double.nan, "        "),
    ])
    func eighthsOfACell(fraction: Double, expected: String) {
        #expect(Gauge.text(fraction, width: 8, ascii: false) == expected)
        #expect(DisplayWidth.of(Gauge.text(fraction, width: 8, ascii: false)) == 8)
    }

    @Test(arguments: [(0.0, "[--------]"), (0.5, "[####----]"), (0.99, "[#######-]"), (1.0, "[########]")])
    func plainASCII(fraction: Double, expected: String) {
        #expect(Gauge.text(fraction, width: 10, ascii: true) == expected)
    }

    /// Earned solid, the progress beyond it shaded: an item with no points yet but its figure well on the way.
    @Test(arguments: [
        (0.0, 0.75, 8, false, "░░░░░░  "), (0.5, 0.75, 8, false, "████░░  "), (0.3, 0.9, 8, false, "██▍░░░░ "),
        (0.75, 0.5, 8, false, "██████  "), (0.0, 0.1, 8, false, "        "), (0.0, 0.75, 5, false, "░░░  "),
        (0.0, 0.75, 10, true, "[++++++--]"), (0.5, 1.0, 10, true, "[####++++]"), (0.0, 1.0, 2, true, "++"),
    ])
    func earnedSolidAndProgressShaded(earned: Double, progress: Double, width: Int, ascii: Bool, expected: String) {
        #expect(Gauge.text(earned: earned, progress: progress, width: width, ascii: ascii) == expected)
        #expect(DisplayWidth.of(Gauge.text(earned: earned, progress: progress, width: width, ascii: ascii)) == width)
    }
}
