import Testing
@testable import ChuangyeCLI

struct HelpLayoutTests {
    @Test(arguments: [
        // Chinese breaks between characters, never before closing punctuation
        ("档案文件为TOML格式，含社区档案和自评清单", 12, ["档案文件为", "TOML格式，含", "社区档案和自", "评清单"]),
        // words break at spaces
        ("survey 摸底 / service 服务 / activity 工作", 20, ["survey 摸底 /", "service 服务 /", "activity 工作"]),
        // a word longer than a line is cut
        ("$XDG_DATA_HOME/chuangye/ledger.sqlite", 20, ["$XDG_DATA_HOME/chuan", "gye/ledger.sqlite"]),
    ])
    func linesFitTheirWidth(text: String, width: Int, expected: [String]) {
        #expect(HelpLayout.lines(of: text, width: width) == expected)
    }

    @Test func anOptionLineContinuesInTheDescriptionColumn() {
        let line = "  --db <路径>             数据库文件路径（默认：$CHUANGYE_DB，否则 $XDG_DATA_HOME/chuangye/ledger.sqlite）"
        #expect(HelpLayout.wrap(line, width: 80) == """
              --db <路径>             数据库文件路径（默认：$CHUANGYE_DB，否则
                                      $XDG_DATA_HOME/chuangye/ledger.sqlite）
            """)
    }
}
