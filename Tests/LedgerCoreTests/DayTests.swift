import Testing
@testable import LedgerCore

struct DayTests {
    @Test(arguments: ["2024-03-15", "2024/3/15", "20240315", "2024年3月15日", "2024.03.15", "２０２４－０３－１５", " 2024-3-15 "])
    func parsesEveryListedForm(_ text: String) {
        #expect(Day.parse(text) == Day(year: 2024, month: 3, day: 15))
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "2024-13-01", "20241301", "2024315", "15/3/2024", "2024-03", "abc", "", "2024年3月"])
    func rejectsWhatIsNotARealDate(_ text: String) {
        #expect(Day.parse(text) == nil)
    }

    /// The ISO form, written digit by digit, read back as the same day for every day of three centuries, and as
    /// interpolation writes it (the form before session 10, kept for years outside 1000–9999).
    @Test func isoFormRoundTripsForEveryDay() {
        let first = Day(year: 1900, month: 1, day: 1)!.ordinal, last = Day(year: 2199, month: 12, day: 31)!.ordinal
        var wrong = 0
        for ordinal in first...last {
            let day = Day(ordinal: ordinal)
            let text = day.description
            let padded = "\(day.year)-\(day.month < 10 ? "0" : "")\(day.month)-\(day.day < 10 ? "0" : "")\(day.day)"
            if text != padded || Day.parse(text) != day || Day.parseISO(text.utf8) != day { wrong += 1 }
        }
        #expect(wrong == 0)
        #expect(Day(year: 2024, month: 3, day: 5)!.description == "2024-03-05")
        let early = Day(ordinal: -400_000) // before year 1000: the interpolated form
        #expect(early.year < 1000 && early.description == "\(early.year)-\(early.month < 10 ? "0" : "")\(early.month)-\(early.day < 10 ? "0" : "")\(early.day)")
    }

    @Test func leapDayExistsOnlyInLeapYears() {
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
    }

    @Test func ordinalRoundTripsAndOrders() {
        let d = Day(year: 2024, month: 3, day: 15)!
        #expect(Day(ordinal: d.ordinal) == d)
        #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
        #expect(d.adding(days: 17) == Day(year: 2024, month: 4, day: 1))
        #expect(Day(year: 2023, month: 12, day: 31)! < d)
    }

    @Test func addingYearsClampsTheLeapDay() {
        #expect(Day(year: 2000, month: 2, day: 29)!.adding(years: 16) == Day(year: 2016, month: 2, day: 29))
        #expect(Day(year: 2000, month: 2, day: 29)!.adding(years: 1) == Day(year: 2001, month: 2, day: 28))
        #expect(Day(year: 2024, month: 11, day: 30)!.adding(months: 3) == Day(year: 2025, month: 2, day: 28))
    }

    @Test func periodParsesRangesAndYears() {
        #expect(Period.parse("2024-01-01..2024-12-31") == Fixture.period)
        #expect(Period.parse("2024") == Fixture.period)
        #expect(Period.parse("2024-12-31..2024-01-01") == nil)
        // A month, as the browser's date filter takes it.
        let february = Period(start: Day(year: 2024, month: 2, day: 1)!, end: Day(year: 2024, month: 2, day: 29)!)
        for text in ["2024-02", "2024-2", "2024/02", "2024年2月"] { #expect(Period.parse(text) == february, "\(text)") }
        #expect(Period.parse("2024-13") == nil)
        #expect(Period.parse("24-02") == nil)
        #expect(Fixture.period.contains(Day(year: 2024, month: 12, day: 31)!))
        #expect(!Fixture.period.contains(Day(year: 2025, month: 1, day: 1)!))
    }
}
