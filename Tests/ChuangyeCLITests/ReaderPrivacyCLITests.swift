import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// What the command line shows an operator who may only read a community: the numbers masked as on screen, in
/// `history` (text and JSON) and in the export, whose 出生日期 would otherwise give back the masked digits.
struct ReaderPrivacyCLITests {
    /// A ledger with a registered supervisor (the system account) who corrected person 1's number and phone and
    /// typed a mobile number into 备注; `检查组` is not registered, so it only reads.
    static func correctedLedger() throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        #expect(try cli.run(as: CLI.systemUser, "user", "add", CLI.systemUser, "--supervisor").status == 0)
        let db = try AppDatabase.open(path: cli.db, operatorName: CLI.systemUser)
        let opened = try #require(try db.open(RecordRef(.survey, id: 1)))
        var fields = opened.fields
        fields["id_number"] = "630102198502140014"
        fields["birth_date"] = "1985-02-14"
        fields["phone"] = "13800001111"
        fields["remarks"] = "本人另一手机13700002222"
        let accepted = opened.accepted.merging(["privacy.number_in_text": "本人要求"]) { $1 }
        let saved = try db.savePerson(fields, community: "630102001", editing: opened.token, acceptedWarnings: accepted)
        #expect(saved.saved != nil, "\(saved.findings)")
        return cli
    }

    @Test func aReaderReadsTheHistoryMasked() throws {
        let cli = try Self.correctedLedger()
        defer { cli.cleanup() }
        let one = try cli.run(as: "检查组", "history", "survey", "1")
        #expect(one.status == 0, "\(one.stderr)")
        for whole in ["630102199003070116", "630102198502140014", "1990-03-07", "1985-02-14", "13912345678", "13800001111", "13700002222"] {
            #expect(!one.stdout.contains(whole), "\(whole) shown whole:\n\(one.stdout)")
        }
        #expect(one.stdout.contains("公民身份号码：630102********0116 → 630102********0014"), "\(one.stdout)")
        #expect(one.stdout.contains("出生日期：****-**-** → ****-**-**"), "\(one.stdout)")
        #expect(one.stdout.contains("联系电话：139****5678 → 138****1111"), "\(one.stdout)")
        #expect(one.stdout.contains("备注：（空） → 本人另一手机137****2222"), "\(one.stdout)")
        let json = try cli.run(as: "检查组", "history", "--json")
        #expect(json.status == 0 && json.stdout.contains("630102********0014") && !json.stdout.contains("630102198502140014"), "\(json.stdout)")
        // The supervisor, who may change the community, reads them whole.
        let whole = try cli.run(as: CLI.systemUser, "history", "survey", "1")
        #expect(whole.stdout.contains("公民身份号码：630102199003070116 → 630102198502140014"), "\(whole.stdout)")
    }

    @Test func aMaskedExportHidesTheBirthDateAsTheNumberDoes() throws {
        let cli = try Self.correctedLedger()
        defer { cli.cleanup() }
        let exported = try cli.run(as: "检查组", "export", "survey", "r.csv")
        #expect(exported.status == 0 && exported.stdout.contains("（已遮盖身份证号和电话）"), "\(exported.stderr)")
        let rows = try String(contentsOfFile: cli.dir.appendingPathComponent("r.csv").path, encoding: .utf8)
            .split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        let birth = try #require(header.firstIndex(of: "出生日期")), id = try #require(header.firstIndex(of: "公民身份号码"))
        #expect(rows.dropFirst().map { $0[birth] } == ["****-**-**", "****-**-**", "****-**-**"])
        #expect(rows[1][id] == "\t630102********0014")
        // --mask by the supervisor hides it too; without it the date is there.
        #expect(try cli.run(as: CLI.systemUser, "export", "survey", "m.csv", "--mask").status == 0)
        let masked = try String(contentsOfFile: cli.dir.appendingPathComponent("m.csv").path, encoding: .utf8)
        #expect(!masked.contains("1985-02-14") && masked.contains("****-**-**"))
        #expect(try cli.run(as: CLI.systemUser, "export", "survey", "f.csv").status == 0)
        #expect(try String(contentsOfFile: cli.dir.appendingPathComponent("f.csv").path, encoding: .utf8).contains("1985-02-14"))
    }
}
