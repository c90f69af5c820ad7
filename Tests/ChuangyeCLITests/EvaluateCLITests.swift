import Foundation
import Testing

/// `chuangye evaluate …` driven as a clerk (王芳) and a supervisor (the system user, the one name `--operator` may
/// use for a supervisor) would: submit → 初评 → draw → checks → sign → a refused write → unlock.
struct EvaluateCLITests {
    /// A community with three persons (two intending, one started), a supervisor and its clerk 王芳.
    static func ledger() throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        #expect(try cli.run(as: CLI.systemUser, "user", "add", CLI.systemUser, "--supervisor").status == 0)
        #expect(try cli.run(as: CLI.systemUser, "user", "add", "王芳", "--community", "630102001").status == 0)
        return cli
    }

    /// Times and the supervisor's account vary between runs: replaced by fixed words before comparing.
    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"#, with: "<时间>", options: .regularExpression)
            .replacingOccurrences(of: #"\d{4}-\d\d-\d\d \d\d:\d\d"#, with: "<时间>", options: .regularExpression)
            .replacingOccurrences(of: "\(CLI.systemUser)于", with: "督导于")
            .replacingOccurrences(of: "（\(CLI.systemUser) ", with: "（督导 ")
    }

    @Test func aClerkSubmitsASupervisorEvaluatesDrawsChecksAndSignsAndTheLockRefusesWrites() throws {
        let cli = try Self.ledger()
        defer { cli.cleanup() }
        let supervisor = CLI.systemUser
        // The clerk submits the self-assessment
        let submitted = try cli.run("evaluate", "submit")
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stdout.hasPrefix("已提交八一路社区（630102001）考核期 2024-01-01..2024-12-31 的自评：自评总分 30/100（西宁市创建创业型社区评分表），18项，台账校验码 "))
        // 初评 is the supervisor's, and needs a reason and a number
        let byClerk = try cli.run("evaluate", "adjust", "survey_register", "0", "--reason", "台账缺少签字")
        #expect(byClerk.status == 1 && byClerk.stderr == "只有区县督导可以初评改分，王芳不是区县督导\n")
        let noReason = try cli.run(as: supervisor, "evaluate", "adjust", "survey_register", "1", "--reason", " ")
        #expect(noReason.status == 2 && noReason.stderr.hasPrefix("错误：改分必须填写理由（--reason）\n"))
        let notANumber = try cli.run(as: supervisor, "evaluate", "adjust", "survey_register", "一分", "--reason", "x")
        #expect(notANumber.status == 2 && notANumber.stderr.hasPrefix("错误：分数应为不超过两位小数的非负数，如 1 或 1.5，而不是“一分”\n"))
        // Only a score the item can have: 建立摸底台账 is all or nothing
        let half = try cli.run(as: supervisor, "evaluate", "adjust", "建立摸底台账", "1", "--reason", "台账缺少签字")
        #expect(half.status == 1 && half.stderr == "建立摸底台账只能得2分或0分（全得或不得），不能给1分\n")
        // Named as the programme's text writes it (台帐): the rubric's item (台账)
        let adjusted = try cli.run(as: supervisor, "evaluate", "adjust", "建立摸底台帐", "0", "--reason", "台账缺少签字")
        #expect(adjusted.stdout == "已记录初评：建立摸底台账 0分（自评 2分）。初评总分 28/100，自评总分 30\n")
        // The 初评 includes its random spot check: no signature before the draw
        let undrawn = try cli.run(as: supervisor, "evaluate", "sign")
        #expect(undrawn.status == 1 && undrawn.stderr == "还没有随机抽样，不能签署初评：请先抽样（按 d，或 evaluate draw）\n")
        // A draw of 2 with seed 7: one per stratum (2 intending, 1 started)
        let drawn = try cli.run(as: supervisor, "evaluate", "draw", "2", "--seed", "7")
        #expect(Self.normalised(drawn.stdout) == """
            随机抽样：种子 7，抽2人（有创业意愿 2人抽1；已创业 1人抽1），督导于<时间>抽取
            核实进度 0/2：属实 0，不属实 0，联系不上 0
            序号  姓名      公民身份号码        分层        核实结果  说明
            1     王梅      630102********0047  有创业意愿  未核实
            2     李四      630102********022X  已创业      未核实

            """)
        // 不属实 needs a note; an unknown result is a usage error
        #expect(try cli.run(as: supervisor, "evaluate", "check", "1", "不属实").status == 2)
        let unknown = try cli.run(as: supervisor, "evaluate", "check", "1", "假的")
        #expect(unknown.status == 2 && unknown.stderr.hasPrefix("错误：核实结果应为 属实、不属实 或 联系不上，而不是“假的”\n"))
        let untrue = try cli.run(as: supervisor, "evaluate", "check", "1", "不属实", "--note", "本人称未参加培训")
        #expect(untrue.stdout == "已记录第1号 王梅：不属实\n核实进度 1/2：属实 0，不属实 1，联系不上 0；不符率 100%\n")
        // A different result over it is refused unless asked for (the app's dialog shows the earlier one first)
        let slipped = try cli.run(as: supervisor, "evaluate", "check", "1", "属实")
        #expect(slipped.status == 1 && Self.normalised(slipped.stderr) == "第1号已记录为“不属实”（督导 <时间>），未改动；确要改为“属实”，请加 --replace\n")
        #expect(try cli.run(as: supervisor, "evaluate", "check", "1", "联系不上", "--replace").status == 0)
        #expect(try cli.run(as: supervisor, "evaluate", "check", "1", "不属实", "--note", "本人称未参加培训", "--replace").status == 0)
        // --json words what became of the finding as show does
        let checked = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(as: supervisor, "evaluate", "show", "--json").stdout.utf8)) as? [String: Any])
        let first = try #require(((checked["sample"] as? [String: Any])?["persons"] as? [[String: Any]])?.first)
        #expect(first["correction"] as? String == "待社区更正" && first["record_deleted"] as? Bool == false)
        // Signing waits for every sampled person
        let early = try cli.run(as: supervisor, "evaluate", "sign")
        #expect(early.status == 1 && early.stderr == "还有1条抽样未核实，不能签署初评：请先记录每条的核实结果\n")
        #expect(try cli.run(as: supervisor, "evaluate", "check", "2", "属实").status == 0)

        // The clerk sees the whole 初评 and the untrue record flagged with its note, but not which other record was
        // drawn nor the seed until the 初评 is signed (SampleDisclosure)
        let shown = try cli.run("evaluate", "show")
        #expect(shown.status == 0)
        let checksum = try #require(submitted.stdout.split(separator: " ").last).trimmingCharacters(in: .newlines)
        #expect(Self.normalised(shown.stdout) == """
            西宁市创建创业型社区评分表 初评 — 八一路社区（630102001） 考核期 2024-01-01..2024-12-31
            自评：王芳于<时间>提交，自评总分 30/100，台账校验码 \(checksum)
            状态：初评未签署

            评分项                          满分  自评  初评  差异
            ──────────────────────────────────────────────────────
              劳动者创业参与率达到7%          15     0     0
              创业带动就业指数达到3           15    15    15
              成立创建工作领导小组             2     2     2
              工作制度健全并执行               2     0     0
              创建工作方案                     3     0     0
              三项补贴享受率100%               6     0     0
              建立摸底台账                     2     2     0    -2
                  初评理由：台账缺少签字（督导 <时间>）
              创业培训率100%                   8     0     0
              培训合格率100%                   4     4     4
              培训后创业率达30%                2     0     0
              开设创业服务窗口                 2     2     2
              每人2次以上创业服务             16     0     0
              创业宣传活动3次以上              3     0     0
              树立创业典型1名以上              2     1     1
            ※推荐入园孵化1家以上               6     0     0
            ※创业指导专家队伍/协作机制         4     0     0
            ※工作创新                          4     0     0
            ※台账资料完备                      4     4     4
            ──────────────────────────────────────────────────────
            合计                             100    30    28    -2
            与自评不同的评分项：1项

            随机抽样：抽2人（有创业意愿 2人抽1；已创业 1人抽1），督导于<时间>抽取；抽中的记录在签署初评后公开（已核实为不属实的除外）
            核实进度 2/2：属实 1，不属实 1，联系不上 0；不符率 50%
            序号  姓名      公民身份号码        分层        核实结果  说明
            1     王梅      630102********0047  有创业意愿  不属实    本人称未参加培训（待社区更正）
            2     （签署后公开）                            属实

            """)

        // Sign-off locks: an import and a profile change are refused, naming the lock
        // The 不属实 finding the community did not correct: signed only when the supervisor confirms (the app asks)
        let unconfirmed = try cli.run(as: supervisor, "evaluate", "sign")
        #expect(unconfirmed.status == 1 && unconfirmed.stdout.isEmpty)
        #expect(unconfirmed.stderr == "未签署：有1条抽查不属实的记录社区尚未更正，签署后锁定，将记为“签署时未更正”；可等社区更正后再签署。确认按现有初评签署，请加 --confirm\n")
        let signed = try cli.run(as: supervisor, "evaluate", "sign", "--confirm")
        #expect(signed.stdout == "已签署八一路社区（630102001）考核期 2024-01-01..2024-12-31 的初评：初评总分 28/100（自评 30）。台账已锁定，修改须由督导解锁\n注意：1条抽查不属实的记录签署时未更正\n")
        // Signing again says it is signed, not that it was not (with or without --confirm).
        for again in [try cli.run(as: supervisor, "evaluate", "sign"), try cli.run(as: supervisor, "evaluate", "sign", "--confirm")] {
            #expect(again.status == 1 && again.stderr.contains("的初评已由") && again.stderr.contains("签署锁定，不能再签署初评"), "\(again.stderr)")
        }
        let lock = "台账已锁定，不能修改：八一路社区（630102001）考核期 2024-01-01..2024-12-31 的初评已由督导于<时间>签署。如需修改，请督导解锁（评选界面按 U，或 chuangye evaluate unlock --reason 理由）\n"
        let imported = try cli.run("import", "service", cli.write("v.csv", serviceCSV))
        #expect(imported.status == 1 && Self.normalised(imported.stderr) == lock)
        let profiled = try cli.run("init", "--profile", cli.write("p2.toml", profile.replacingOccurrences(of: "labour_force = 40", with: "labour_force = 50")))
        #expect(profiled.status == 1 && Self.normalised(profiled.stderr) == lock)
        #expect(try cli.run("evaluate", "submit").status == 1)

        // Only a supervisor unlocks, with a reason, and the unlock is in the history
        #expect(try cli.run("evaluate", "unlock", "--reason", "要改").stderr == "只有区县督导可以解锁，王芳不是区县督导\n")
        #expect(try cli.run(as: supervisor, "evaluate", "unlock").status == 2)
        #expect(try cli.run(as: supervisor, "evaluate", "unlock", "--reason", "抽查不属实需更正").status == 0)
        let history = try cli.run("history", "--limit", "1")
        #expect(Self.normalised(history.stdout) == "<时间>  \(supervisor)  解锁  评选 第1份\n    理由：（空） → 抽查不属实需更正\n")
        #expect(try cli.run("import", "service", cli.write("v.csv", serviceCSV)).status == 0)
        let outdated = try cli.run("evaluate", "show")
        #expect(outdated.stdout.split(separator: "\n")[2] == "注意：自评提交后台账又修改了 3 处（服务台账 3）")
        // The reopened 初评 names the signature that was lifted and why, not a 初评 never signed
        #expect(Self.normalised(String(outdated.stdout.split(separator: "\n")[3]))
                == "状态：初评未签署（原由督导于<时间>签署，督导于<时间>解锁，理由：抽查不属实需更正）")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run("evaluate", "show", "--json").stdout.utf8)) as? [String: Any])
        let unlock = try #require(json["last_unlock"] as? [String: Any])
        #expect(unlock["reason"] as? String == "抽查不属实需更正" && json["signed"] == nil)
        #expect((unlock["lifted"] as? [String: Any])?["by"] as? String == unlock["by"] as? String)
        let csv = cli.dir.appendingPathComponent("初评.csv").path
        #expect(try cli.run("evaluate", "export", csv).status == 0)
        let unlockRow = try #require(try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\r\n").first { $0.hasPrefix("初评上次解锁") })
        #expect(Self.normalised(String(unlockRow)).hasSuffix(",<时间>,理由：抽查不属实需更正,原签署：\(supervisor) <时间>"))
        let scoreSheet = cli.dir.appendingPathComponent("评分表.xlsx").path
        #expect(try cli.run("export", "score", scoreSheet).status == 0)
        let standing = try #require(try WorkbookProbe.read(scoreSheet).first?.rows.compactMap { $0.first?.text }.first { $0.hasPrefix("初评：") })
        #expect(Self.normalised(standing).hasSuffix("尚未签署（督导评审中；原由督导于<时间>签署，督导于<时间>解锁，理由：抽查不属实需更正）"), "\(standing)")

        // Signed again: the signature lifted and the unlock's reason stay in the report.
        #expect(try cli.run(as: supervisor, "evaluate", "sign", "--confirm").status == 0)
        let resigned = try cli.run("evaluate", "show")
        let status = try #require(resigned.stdout.split(separator: "\n").first { $0.hasPrefix("状态：") })
        #expect(Self.normalised(String(status))
                == "状态：初评已由督导于<时间>签署，台账已锁定（修改须督导解锁）；此前原由督导于<时间>签署，督导于<时间>解锁，理由：抽查不属实需更正")
    }

    /// A supervisor's new submission after a draw names the one it replaced, its draw and findings, in `show`.
    @Test func aResubmissionSaysWhichSubmissionItReplaced() throws {
        let cli = try Self.ledger()
        defer { cli.cleanup() }
        #expect(try cli.run("evaluate", "submit").status == 0)
        #expect(try cli.run(as: CLI.systemUser, "evaluate", "draw", "2", "--seed", "5").status == 0)
        #expect(try cli.run(as: CLI.systemUser, "evaluate", "check", "1", "不属实", "--note", "查无此人").status == 0)
        // Asked first, naming what the new submission sets aside
        let asked = try cli.run(as: CLI.systemUser, "evaluate", "submit")
        #expect(asked.status == 1 && asked.stdout.isEmpty)
        #expect(Self.normalised(asked.stderr) == "未提交：本期初评已经开始，重新提交将替代第1份自评及其初评（王芳 <时间> 提交，自评30分；初评30分，已抽样2条，不属实1条），新的自评须重新初评和抽样；原结果保留在修改记录中，并在 evaluate show 中注明。确认重新提交，请加 --confirm --reason <理由>\n")
        let unexplained = try cli.run(as: CLI.systemUser, "evaluate", "submit", "--confirm")
        #expect(unexplained.status == 1 && unexplained.stderr.contains("重新提交自评须写理由"), "\(unexplained.stderr)")
        #expect(try cli.run(as: CLI.systemUser, "evaluate", "submit", "--confirm", "--reason", "抽样名单有误，重新评选").status == 0)
        let history = try cli.run("history").stdout
        #expect(history.contains("重新提交的理由：（空） → 抽样名单有误，重新评选") || history.contains("抽样名单有误，重新评选"), "\(history.prefix(800))")
        let shown = try cli.run("evaluate", "show")
        let line = try #require(shown.stdout.split(separator: "\n").first { $0.hasPrefix("重新提交：") })
        #expect(Self.normalised(String(line)) == "重新提交：本份替代第1份自评（王芳 <时间> 提交，自评30分；初评30分，已抽样2条，不属实1条）")
    }

    @Test func theSameSeedDrawsTheSameListAndTheResultExportsAsCSVAndJSON() throws {
        let first = try Self.ledger(), second = try Self.ledger()
        defer { first.cleanup(); second.cleanup() }
        for cli in [first, second] {
            #expect(try cli.run("evaluate", "submit").status == 0)
            #expect(try cli.run(as: CLI.systemUser, "evaluate", "draw", "2", "--seed", "123456789").status == 0)
        }
        func persons(_ cli: CLI) throws -> [Int] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(as: CLI.systemUser, "evaluate", "show", "--json").stdout.utf8)) as? [String: Any])
            let sample = try #require(json["sample"] as? [String: Any])
            #expect(sample["seed"] as? Int == 123_456_789)
            return try #require(sample["persons"] as? [[String: Any]]).compactMap { $0["person_id"] as? Int }
        }
        #expect(try persons(first) == persons(second))
        #expect(try persons(first).count == 2)

        // The export: self-assessment beside the 初评, the difference with its reason, the list with results
        let supervisor = CLI.systemUser
        #expect(try first.run(as: supervisor, "evaluate", "adjust", "survey_register", "0", "--reason", "台账缺少签字").status == 0)
        #expect(try first.run(as: supervisor, "evaluate", "check", "1", "联系不上", "--note", "电话停机").status == 0)
        let csvPath = first.dir.appendingPathComponent("初评.csv").path
        let exported = try first.run(as: supervisor, "evaluate", "export", csvPath)
        #expect(exported.stdout == "已导出八一路社区的初评结果到 \(csvPath)\n")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csvPath))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0] == "初评结果,八一路社区（630102001）,考核期 2024-01-01..2024-12-31,西宁市创建创业型社区评分表")
        // A person reads it: items by name (no ids), times to the minute
        #expect(lines[4] == "评分项,满分,自评得分,初评得分,差异,初评理由,初评人,初评时间,自评实测")
        #expect(Self.normalised(lines[11]) == "建立摸底台账,2,2,0,-2,台账缺少签字,\(supervisor),<时间>,3")
        #expect(lines[11].range(of: #"\d\d:\d\d,"#, options: .regularExpression) != nil && !lines[11].contains("T"))
        #expect(lines[23] == "合计,100,30,28,-2")
        #expect(lines[26] == "序号,姓名,公民身份号码,分层,核实结果,说明,核实人,核实时间,核实后更正,抽查的服务,抽样后修改")
        #expect(Self.normalised(lines[27]) == "1,王梅,\t630102197506150047,有创业意愿,联系不上,电话停机,\(supervisor),<时间>,,,")
        #expect(lines[28] == "2,李四,\t63010219880412022X,已创业,未核实,,,,,,")
        // An existing file is not replaced; JSON by extension, masked on request
        #expect(try first.run(as: supervisor, "evaluate", "export", csvPath).status == 1)
        let jsonPath = first.dir.appendingPathComponent("初评.json").path
        #expect(try first.run(as: supervisor, "evaluate", "export", jsonPath, "--mask").status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) as? [String: Any])
        #expect(json["self_total"] as? Double == 30 && json["evaluated_total"] as? Double == 28)
        let items = try #require(json["items"] as? [[String: Any]])
        let register = try #require(items.first { $0["id"] as? String == "survey_register" })
        #expect(register["difference"] as? Double == -2 && register["reason"] as? String == "台账缺少签字")
        let persons = try #require((json["sample"] as? [String: Any])?["persons"] as? [[String: Any]])
        #expect(persons.map { $0["id_number"] as? String } == ["630102********0047", "630102********022X"])
        #expect(persons.map { $0["result"] as? String } == ["联系不上", nil])
        #expect(try first.run("evaluate", "export", first.dir.appendingPathComponent("x.txt").path).status == 2)
    }
}
