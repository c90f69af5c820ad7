/// 民族: the 56 groups in the order and naming of GB 3304-1991.
public enum Ethnicity {
    public static let names: [String] = [
        "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
        "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
        "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
        "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
        "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
        "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
    ]

    private static let byName: Set<String> = Set(names)

    /// The one name the text means, nil when it means none or several (`hz`: 汉族, 回族, 赫哲族).
    public static func parse(_ raw: String) -> String? {
        let found = matches(raw)
        return found.count == 1 ? found[0] : nil
    }

    /// Every name the text could mean, as a clerk types it: a name (`汉族`, `汉`), the two-digit code (`01`), the
    /// start of a name, or pinyin initials. The form's list and the validator's message use this one rule.
    public static func matches(_ raw: String) -> [String] {
        let text = Normalize.halfWidth(raw).trimmingSpaces()
        guard !text.isEmpty else { return names }
        if byName.contains(text) { return [text] }
        if byName.contains(text + "族") { return [text + "族"] }
        if let number = Int(text), (1...names.count).contains(number), text.count == 2 { return [names[number - 1]] }
        let lower = text.lowercased()
        // All of one name's initials name it, though they also begin another (as CodedValue.matches does).
        let whole = names.filter { Pinyin.initials(of: $0) == lower }
        if whole.count == 1 { return whole }
        return names.filter { $0.hasPrefix(text) || Pinyin.initials(of: $0).hasPrefix(lower) }
    }
}
