import Testing
@testable import LedgerCore

struct CodeListTests {
    @Test(arguments: [("20", Education.bachelor), ("大学本科", .bachelor), ("本科", .bachelor), ("大专", .juniorCollege),
                      ("中专", .vocational), ("技校", .vocational), ("高中", .highSchool), ("小学及以下", .primary),
                      ("dxbk", .bachelor), ("研", .postgraduate), ("90", .other)])
    func educationByCodeNameAliasPrefixOrInitials(_ text: String, _ expected: Education) {
        #expect(Education.parse(text) == expected)
    }

    /// Every name and alias of every list is found by the byte comparison that runs before the full match, as the
    /// full match ranks them (a name before an alias).
    @Test func everyNameOfEveryListIsFoundExactly() {
        func check<T: CodedValue>(_ type: T.Type) -> Int {
            T.allCases.filter { T.names.exact($0.rawValue) != $0 || T.parse($0.rawValue) != $0 }.count
                + T.aliases.filter { T.names.exact($0.key) != T.matches($0.key).first || T.names.exact($0.key) == nil }.count
        }
        let failures = check(Education.self) + check(Hukou.self) + check(PersonCategory.self) + check(BusinessStatus.self)
            + check(Need.self) + check(TrainingType.self) + check(EntityType.self) + check(ServiceType.self)
            + check(ServiceMethod.self) + check(ServiceResult.self) + check(ActivityKind.self) + check(Industry.self)
        #expect(failures == 0)
        #expect(Education.names.exact("大学") == .bachelor && Education.names.exact("大学专") == nil && Education.names.exact(" 初中") == nil && Education.names.exact("") == nil)
    }

    /// List items split at each separator, empty items dropped, other characters (and combining marks) kept.
    @Test func listItemsSplitAtEverySeparator() {
        #expect(FieldReader.listItems("就业困难人员、高校毕业生，，其他; a/b c") == ["就业困难人员", "高校毕业生", "其他", "a", "b", "c"])
        #expect(FieldReader.listItems("、") == [] && FieldReader.listItems("退役军人") == ["退役军人"])
        #expect(FieldReader.listItems("e\u{301}、x") == ["e\u{301}", "x"])
    }

    @Test func ambiguousPrefixNamesNothingAndListsTheCandidates() {
        #expect(Education.parse("大学") == .bachelor) // an alias wins over the prefix
        #expect(ServiceType.parse("创业") == nil)
        #expect(ServiceType.unknownMessage("创业").contains("创业指导"))
        #expect(Education.unknownMessage("博士后").contains("应为：10 研究生"))
    }

    /// A name's whole initials name it even where they begin another name: ycy is 已创业, not 有创业意愿 too.
    @Test func wholeInitialsNameTheirValue() {
        #expect(BusinessStatus.parse("ycy") == .started)
        #expect(BusinessStatus.parse("YCY") == .started)
        #expect(BusinessStatus.parse("ycyyy") == .intending)
        #expect(BusinessStatus.matches("yc").count == 2) // still ambiguous: the clerk chooses
    }

    @Test func industryBySectionLetterOrName() {
        #expect(Industry.parse("h") == .h)
        #expect(Industry.parse("住宿和餐饮业") == .h)
        #expect(Industry.parse("餐饮") == .h)
        #expect(Industry.allCases.count == 20)
    }

    @Test func ethnicityAcceptsNameShortNameAndCode() {
        #expect(Ethnicity.names.count == 56)
        #expect(Ethnicity.parse("回") == "回族")
        #expect(Ethnicity.parse("维吾尔族") == "维吾尔族")
        #expect(Ethnicity.parse("03") == "回族")
        #expect(Ethnicity.parse("火星族") == nil)
        // Pinyin initials, as the form's list takes them: all of one name's initials name it; several matches none.
        #expect(Ethnicity.parse("wwez") == "维吾尔族")
        #expect(Ethnicity.parse("hz") == nil)
        #expect(Ethnicity.matches("hz") == ["汉族", "回族", "赫哲族"])
        #expect(Ethnicity.matches("火星族").isEmpty)
    }

    /// The validator says what the form's list says: `hz` is not unknown, it is one of three.
    @Test func ethnicityMessageNamesTheMatches() {
        let ambiguous = PersonValidator.validate(Fixture.intending(["ethnicity": "hz"]), context: Fixture.context())
        #expect(ambiguous.findings.map(\.message) == ["民族“hz”不唯一，可能是：汉族、回族、赫哲族"])
        let unknown = PersonValidator.validate(Fixture.intending(["ethnicity": "火星"]), context: Fixture.context())
        #expect(unknown.findings.map(\.message) == ["民族“火星”不是56个民族之一，应写作“汉族”“回族”等"])
    }

    @Test func pinyinInitials() {
        #expect(Pinyin.initials(of: "张三") == "zs")
        #expect(Pinyin.initials(of: "买买提·艾力") == "mmtal")
        #expect(Pinyin.initials(of: "Li 四") == "lis")
        #expect(Pinyin.initials(of: "𠀀") == "") // outside the table: no initial, no crash
    }

    @Test func pinyinSpellingSortsBySound() {
        #expect(Pinyin.spelled("张三") == "zhang san")
        #expect(Pinyin.spelled("Li 四") == "li si")
        #expect(Pinyin.spelled("买买提·艾力") == "mai mai ti ai li")
        // Code-point order puts 张 (U+5F20) before 李 (U+674E) before 王 (U+738B); by sound it is li, wang, zhang.
        let names = ["张三", "王五", "李四", "阿依古丽"]
        #expect(names.sorted { Pinyin.spelled($0) < Pinyin.spelled($1) } == ["阿依古丽", "李四", "王五", "张三"])
        // First and last scalars of the table resolve to their own entries (the offsets line up).
        #expect(Pinyin.spelled("\u{3400}") == "qiu")
        #expect(Pinyin.spelled("\u{9FA5}") == "yu")
    }
}

struct AliasMatchingTests {
    @Test func everydayWordsMatchByInitialsToo() {
        #expect(Education.parse("dz") == .juniorCollege)   // 大专
        #expect(Education.parse("bk") == .bachelor)        // 本科
        #expect(Hukou.parse("cz") == .urban)
    }
}
