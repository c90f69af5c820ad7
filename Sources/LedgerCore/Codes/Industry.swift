/// 行业门类, the 20 sections of GB/T 4754-2017.
public enum Industry: String, CodedValue {
    public static let names = CodedNames<Industry>()
    case a = "农、林、牧、渔业"
    case b = "采矿业"
    case c = "制造业"
    case d = "电力、热力、燃气及水生产和供应业"
    case e = "建筑业"
    case f = "批发和零售业"
    case g = "交通运输、仓储和邮政业"
    case h = "住宿和餐饮业"
    case i = "信息传输、软件和信息技术服务业"
    case j = "金融业"
    case k = "房地产业"
    case l = "租赁和商务服务业"
    case m = "科学研究和技术服务业"
    case n = "水利、环境和公共设施管理业"
    case o = "居民服务、修理和其他服务业"
    case p = "教育"
    case q = "卫生和社会工作"
    case r = "文化、体育和娱乐业"
    case s = "公共管理、社会保障和社会组织"
    case t = "国际组织"

    public var code: String? { String(describing: self).uppercased() }
    public static let aliases: [String: Industry] = [
        "农业": .a, "餐饮": .h, "餐饮业": .h, "零售": .f, "批发零售": .f, "住宿": .h, "软件": .i,
        "物流": .g, "运输": .g, "养殖": .a, "种植": .a,
    ]
    public static let fieldLabel = "行业门类"

    /// How a stored value (the section's letter, `H`) is written for people, in a workbook or a CSV file:
    /// `住宿和餐饮业` (which an import reads back); a value that is no section stays as it is.
    public static func written(_ stored: String) -> String { parse(stored)?.name ?? stored }
}
