import Testing
@testable import ChuangyeCLI
@testable import LedgerCore

/// The plain reader of `import` command lines (the start-up fast path) against ArgumentParser's reading.
struct ImportRequestTests {
    func parsed(_ arguments: [String]) throws -> ImportRequest? {
        try (Chuangye.parseAsRoot(arguments) as? ImportCommand)?.request
    }

    @Test func plainLinesReadAsTheFullParserReadsThem() throws {
        let lines: [[String]] = [
            ["import", "survey", "a.csv"],
            ["import", "摸底", "台账 2024.csv", "--community", "630102001"],
            ["import", "--db", "/tmp/x.sqlite", "service", "--operator", "王芳", "b.xlsx"],
            ["import", "activity", "c.csv", "--skip-invalid", "--rejected", "bad.csv", "--accept-warnings", "已核实"],
            ["import", "survey", "d.csv", "--accept-warnings", "电话核实", "--community", "630102002", "--skip-invalid",
             "--db", "e.sqlite", "--operator", "李"],
        ]
        for line in lines {
            let plain = try #require(ImportRequest(plainArguments: line), "\(line)")
            #expect(plain == (try parsed(line)), "\(line)")
        }
        let read = try #require(ImportRequest(plainArguments: lines[3]))
        #expect(read.register == .activity && read.file == "c.csv" && read.skipInvalid && read.rejected == "bad.csv"
                && read.acceptWarnings == "已核实" && read.session == .init(db: nil, operatorName: nil) && read.community == nil)
    }

    /// Everything else is left to the full parser, which gives help or explains the mistake.
    @Test func anythingElseIsLeftToTheFullParser() {
        let lines: [[String]] = [
            [], ["score"], ["import"], ["import", "survey"], ["import", "survey", "a.csv", "b.csv"],
            ["import", "registers", "a.csv"], ["import", "survey", "a.csv", "--help"], ["import", "-h"],
            ["import", "survey", "a.csv", "--db=x.sqlite"], ["import", "survey", "a.csv", "--db"],
            ["import", "survey", "a.csv", "--db", "x", "--db", "y"], ["import", "survey", "a.csv", "--skip-invalid", "--skip-invalid"],
            ["import", "survey", "a.csv", "--community", "--skip-invalid"], ["import", "survey", "a.csv", "--dry-run"],
            ["import", "survey", "a.csv", "--rejected", "r.csv"], ["import", "survey", "a.csv", "--accept-warnings", "  "],
            ["import", "survey", "-"], ["--db", "x", "import", "survey", "a.csv"], ["import", "survey", "a.csv", "--", "b"],
        ]
        for line in lines { #expect(ImportRequest(plainArguments: line) == nil, "\(line)") }
    }
}
