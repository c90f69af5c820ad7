import Testing
@testable import ChuangyeCLI
@testable import LedgerCore

/// How `import` command lines are read (ArgumentParser reads every command line since issue 19).
struct ImportRequestTests {
    func parsed(_ arguments: [String]) throws -> ImportRequest? {
        try (Chuangye.parseAsRoot(arguments) as? ImportCommand)?.request
    }

    @Test func optionsInAnyOrderGiveTheSameRequest() throws {
        let read = try #require(try parsed(["import", "activity", "c.csv", "--skip-invalid", "--rejected", "bad.csv",
                                            "--accept-warnings", "已核实"]))
        #expect(read.register == .activity && read.file == "c.csv" && read.skipInvalid && read.rejected == "bad.csv"
                && read.acceptWarnings == "已核实" && read.session == .init(db: nil, operatorName: nil) && read.community == nil)
        let mixed = try #require(try parsed(["import", "--db", "/tmp/x.sqlite", "service", "--operator", "王芳", "b.xlsx",
                                             "--community", "630102001"]))
        #expect(mixed.register == .service && mixed.file == "b.xlsx" && !mixed.skipInvalid
                && mixed.session == .init(db: "/tmp/x.sqlite", operatorName: "王芳") && mixed.community == "630102001")
        #expect(try parsed(["import", "摸底", "台账 2024.csv"])?.register == .survey)
    }

    /// Combinations that make no sense are usage errors, not imports.
    @Test func refusedCombinations() throws {
        for line in [["import", "survey", "a.csv", "--rejected", "r.csv"], ["import", "survey", "a.csv", "--accept-warnings", "  "],
                     ["import", "survey", "a.csv", "--accept-warnings", String(repeating: "已核实", count: 67)],
                     ["init", "--profile", "p.toml", "--accept-warnings", String(repeating: "已核实", count: 67)],
                     ["import", "registers", "a.csv"], ["import", "survey"]] {
            #expect(throws: (any Error).self, "\(line)") { _ = try parsed(line) }
        }
        // At the bound (200 characters) a reason is taken
        #expect(try parsed(["import", "survey", "a.csv", "--accept-warnings", String(repeating: "已核实", count: 66) + "的"]) != nil)
    }
}
