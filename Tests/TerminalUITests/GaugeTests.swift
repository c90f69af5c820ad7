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
}
