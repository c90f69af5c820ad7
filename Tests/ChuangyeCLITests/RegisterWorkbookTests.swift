import Foundation
import Testing

/// `chuangye export survey|service|activity FILE.xlsx`: the print layout as openpyxl and LibreOffice see it, and
/// the round trip through `import`.
struct RegisterWorkbookTests {
    let activityCSV = """
    日期,类型,名称,参与人数,关联人员身份证号,事迹材料,入园基地,佐证材料
    2024-05-01,宣传活动,创业政策进社区,120,,,,照片12张
    2024-07-01,推荐入园,李四餐馆推荐入园,,,,城东创业孵化基地,推荐函
    """

    func filledLedger() throws -> CLI {
        let cli = try CLI()
        let withContact = profile.replacingOccurrences(of: "level = \"社区\"", with: "level = \"社区\"\nleader = \"马主任\"\nphone = \"0971-6123456\"")
        let initialised = try cli.run("init", "--profile", cli.write("p.toml", withContact))
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        #expect(try cli.run("import", "service", cli.write("v.csv", serviceCSV)).status == 0)
        let activities = try cli.run("import", "activity", cli.write("a.csv", activityCSV))
        #expect(activities.status == 0, "\(activities.stderr)")
        return cli
    }

    @Test func surveyWorkbookHasThePrintLayoutAndTypedCells() throws {
        let cli = try filledLedger()
        defer { cli.cleanup() }
        let path = cli.dir.appendingPathComponent("摸底台账.xlsx").path
        let result = try cli.run("export", "survey", path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("已导出3条创业摸底统计台账记录"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let sheets = try WorkbookProbe.read(path)
        let sheet = try #require(sheets.first)
        #expect(sheets.count == 1 && sheet.title == "创业摸底统计台账")
        // Title, 填报 line, two-row header with 序号 first.
        #expect(sheet.text(0, 0) == "八一路社区创业摸底统计台账")
        let filing = try #require(sheet.text(1, 0))
        for part in ["填报单位：城东区八一路街道八一路社区", "考核期：2024-01-01 至 2024-12-31", "填表人：王芳", "联系电话：0971-6123456", "填表日期："] {
            #expect(filing.contains(part), "\(filing)")
        }
        #expect(sheet.text(2, 0) == "序号")
        #expect(sheet.text(2, 1) == "基本信息")
        #expect(sheet.text(3, 1) == "姓名" && sheet.text(3, 2) == "公民身份号码")
        // Title and 填报 line over the first printed page (基本信息), the group titles over their fields.
        #expect(sheet.merged.contains("A1:K1") && sheet.merged.contains("A2:K2") && sheet.merged.contains("A3:A4"))
        #expect(sheet.merged.contains("B3:K3")) // 基本信息 over its ten fields
        // Frozen header, filter on the field row, header rows on every page, footer.
        #expect(sheet.freeze == "C5")
        #expect(sheet.autofilter == "A4:AI7")
        #expect(sheet.printTitleRows == "$3:$4")
        // A4 landscape, too wide for one legible page: printed across pages cut between the header's groups
        // (L 创业意愿与需求, Q 培训情况, W 创业实体, AB 补贴享受情况), 序号 and 姓名 on every page, at 80% or more.
        #expect(sheet.orientation == "landscape" && sheet.paper == 9)
        #expect(sheet.fitToPage != true)
        #expect(sheet.columnBreaks == [11, 16, 22, 27])
        #expect(sheet.printTitleColumns == "$A:$B")
        let scale = try #require(sheet.scale)
        #expect(scale >= 80 && scale <= 100, "\(scale)")
        #expect(sheet.footer == "第 &P 页 共 &N 页")

        // Cell types: ID numbers and phones are 18-character / digit strings, dates are dates, yes/no and codes are names.
        let header = sheet.rows[3].map { $0.text ?? "" }
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "\(name)") }
        let zhang = sheet.rows[4], li = sheet.rows[5]
        #expect(zhang[0].text == "1" && zhang[0].type == "n")
        let id = zhang[try column("公民身份号码")]
        #expect(id.type == "s" && id.text == "630102199003070116" && id.text?.count == 18)
        #expect(li[try column("公民身份号码")].text == "63010219880412022X")
        let phone = li[try column("联系电话")]
        #expect(phone.type == "s" && phone.text == "0971-6123456")
        #expect(zhang[try column("联系电话")].type == "s")
        let birth = zhang[try column("出生日期")]
        #expect(birth.type == "d" && birth.text == "1990-03-07" && birth.format == "yyyy-mm-dd")
        #expect(zhang[try column("培训结业日期")].text == "2024-05-20")
        #expect(li[try column("营业执照登记日期")].text == "2023-06-01")
        let trained = try column("参加创业培训")
        #expect(zhang[trained].text == "是" && li[trained].text == "否")
        // What does not apply to 李四 (never trained) is blank, not 否, as in the form.
        let passed = try column("培训合格")
        #expect(zhang[passed].text == "是" && li[passed].text == nil)
        #expect(zhang[try column("文化程度")].text == "大学专科")
        #expect(li[try column("经营主体名称")].text == "李四餐馆,城东店")
        let jobs = li[try column("带动就业人数")]
        #expect(jobs.type == "n" && jobs.text == "4")
        // The ID column is wide enough for 18 digits; the signature line sits under the table.
        #expect((sheet.widths["C"] ?? 0) >= 18)
        #expect(sheet.rows.last?.first?.text?.hasPrefix("填表人（签字）：") == true)

        // LibreOffice cuts the pages where the workbook says, and nowhere else (its columns are wider than Excel's
        // arithmetic; ColumnPages allows for it): five pages for the five parts.
        let pdf = try WorkbookProbe.convertToPDF(path, in: cli.dir)
        #expect(try WorkbookProbe.pages(pdf) == 5)
    }

    @Test func everyRegisterRoundTripsThroughImport() throws {
        let cli = try filledLedger()
        defer { cli.cleanup() }
        let second = profile.replacingOccurrences(of: "630102001", with: "630102002").replacingOccurrences(of: "八一路社区", with: "南关社区")
        #expect(try cli.run("init", "--profile", cli.write("p2.toml", second)).status == 0)
        // Services name persons of the register, so the survey goes first.
        for register in ["survey", "service", "activity"] {
            let workbook = cli.dir.appendingPathComponent("\(register).xlsx").path
            #expect(try cli.run("export", register, workbook, "--community", "630102001").status == 0)
            let reimported = try cli.run("import", register, workbook, "--community", "630102002", "--accept-warnings", "往返测试")
            #expect(reimported.status == 0, "\(register): \(reimported.stderr)")
            let original = cli.dir.appendingPathComponent("\(register)-1.csv").path
            let copy = cli.dir.appendingPathComponent("\(register)-2.csv").path
            #expect(try cli.run("export", register, original, "--community", "630102001").status == 0)
            #expect(try cli.run("export", register, copy, "--community", "630102002").status == 0)
            let a = try String(contentsOfFile: original, encoding: .utf8), b = try String(contentsOfFile: copy, encoding: .utf8)
            #expect(a == b, "\(register)")
            #expect(a.split(separator: "\r\n").count > 1)
        }
    }

    @Test func serviceAndActivityWorkbooksOpenInBothClients() throws {
        let cli = try filledLedger()
        defer { cli.cleanup() }
        for (register, title, group) in [("service", "八一路社区创业服务统计台账", "服务对象"), ("activity", "八一路社区创建工作台账", "工作事项")] {
            let path = cli.dir.appendingPathComponent("\(register).xlsx").path
            #expect(try cli.run("export", register, path).status == 0)
            let sheet = try #require(try WorkbookProbe.read(path).first)
            #expect(sheet.text(0, 0) == title)
            #expect(sheet.text(2, 1) == group)
            #expect(sheet.printTitleRows == "$3:$4" && sheet.freeze == "C5")
            let header = sheet.rows[3].map { $0.text ?? "" }
            let dateColumn = try #require(header.firstIndex(of: register == "service" ? "服务日期" : "日期"))
            #expect(sheet.rows[4][dateColumn].type == "d")
            // Narrow enough for one A4 landscape page at 80% or more: fitted to it, as before.
            #expect(sheet.fitToPage == true && sheet.fitWidth == 1 && sheet.fitHeight == 0 && sheet.columnBreaks.isEmpty)
            let pdf = try WorkbookProbe.convertToPDF(path, in: cli.dir)
            #expect(try WorkbookProbe.pages(pdf) == 1, "\(register)")
        }
    }

    @Test func maskHidesIdNumbersAndPhones() throws {
        let cli = try filledLedger()
        defer { cli.cleanup() }
        let path = cli.dir.appendingPathComponent("masked.xlsx").path
        #expect(try cli.run("export", "survey", path, "--mask").status == 0)
        let sheet = try #require(try WorkbookProbe.read(path).first)
        let header = sheet.rows[3].map { $0.text ?? "" }
        let id = try #require(header.firstIndex(of: "公民身份号码")), phone = try #require(header.firstIndex(of: "联系电话"))
        #expect(sheet.rows[4][id].text == "630102********0116")
        #expect(sheet.rows[4][phone].text == "139****5678")
        // The birth date is the masked digits of the number: hidden with them (NumberPrivacy).
        let birth = try #require(header.firstIndex(of: "出生日期"))
        #expect(sheet.rows[4][birth].text == "****-**-**")
    }
}
