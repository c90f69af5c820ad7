/// How surnames are read. Many surnames are characters whose everyday reading differs from their reading as a
/// surname (曾 is céng in 曾经 but Zēng in 曾小明), and compound surnames have readings of their own (尉迟 Yùchí,
/// 万俟 Mòqí). A name is read with its surname reading, so 曾小明 is found by `zxm` and sorts under Z.
extension Pinyin {
    /// Two-character surnames, with the reading of each character. Checked before single surnames: 单于 is Chányú,
    /// while 单 alone is Shàn.
    static let compoundSurnames: [String: [String]] = [
        "欧阳": ["ou", "yang"], "司马": ["si", "ma"], "诸葛": ["zhu", "ge"], "上官": ["shang", "guan"],
        "东方": ["dong", "fang"], "皇甫": ["huang", "fu"], "尉迟": ["yu", "chi"], "公孙": ["gong", "sun"],
        "慕容": ["mu", "rong"], "令狐": ["ling", "hu"], "长孙": ["zhang", "sun"], "宇文": ["yu", "wen"],
        "司徒": ["si", "tu"], "夏侯": ["xia", "hou"], "轩辕": ["xuan", "yuan"], "澹台": ["tan", "tai"],
        "万俟": ["mo", "qi"], "单于": ["chan", "yu"], "端木": ["duan", "mu"], "独孤": ["du", "gu"],
        "南宫": ["nan", "gong"], "呼延": ["hu", "yan"], "东郭": ["dong", "guo"], "公冶": ["gong", "ye"],
        "太叔": ["tai", "shu"], "申屠": ["shen", "tu"], "闻人": ["wen", "ren"], "濮阳": ["pu", "yang"],
        "淳于": ["chun", "yu"], "仲孙": ["zhong", "sun"], "赫连": ["he", "lian"], "钟离": ["zhong", "li"],
        "宗政": ["zong", "zheng"], "百里": ["bai", "li"], "司空": ["si", "kong"], "西门": ["xi", "men"],
        "第五": ["di", "wu"], "乐正": ["yue", "zheng"], "拓跋": ["tuo", "ba"], "左丘": ["zuo", "qiu"],
        "亓官": ["qi", "guan"], "公羊": ["gong", "yang"], "谷梁": ["gu", "liang"], "羊舌": ["yang", "she"],
        "段干": ["duan", "gan"], "巫马": ["wu", "ma"], "公西": ["gong", "xi"], "漆雕": ["qi", "diao"],
        "壤驷": ["rang", "si"], "梁丘": ["liang", "qiu"], "子车": ["zi", "ju"], "微生": ["wei", "sheng"],
        "司寇": ["si", "kou"], "鲜于": ["xian", "yu"], "完颜": ["wan", "yan"],
    ]

    /// Single-character surnames whose surname reading is not the reading `PinyinTable` gives the character.
    static let singleSurnames: [Unicode.Scalar: String] = [
        "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha", "朴": "piao", "盖": "ge",
        "缪": "miao", "覃": "qin", "翟": "zhai", "乐": "yue", "尉": "wei", "秘": "bi", "种": "chong", "员": "yun",
        "繁": "po", "句": "gou", "能": "nai", "黑": "he", "隗": "wei", "祭": "zhai", "谌": "chen", "卜": "bu",
        "薄": "bo", "柏": "bai", "重": "chong", "藏": "zang", "折": "she", "长": "chang", "召": "shao", "洗": "xian",
        "莘": "shen", "叶": "ye", "沈": "shen", "石": "shi", "行": "xing", "车": "che", "曲": "qu", "都": "du",
        "角": "jue", "牟": "mou", "褚": "chu", "贲": "ben", "眭": "sui", "厍": "she", "圈": "quan", "华": "hua",
        "任": "ren", "纪": "ji", "燕": "yan", "宓": "mi", "瞿": "qu", "阚": "kan", "相": "xiang", "朝": "chao",
        "粘": "nian", "蕃": "pi", "葛": "ge", "费": "fei", "么": "yao", "蔚": "yu", "校": "xiao", "应": "ying",
        "传": "chuan", "强": "qiang", "乜": "nie", "万": "wan", "宿": "su", "殷": "yin", "雍": "yong", "贾": "jia",
        "佴": "nai", "戚": "qi", "弥": "mi", "盛": "sheng", "调": "diao", "广": "guang", "占": "zhan", "芮": "rui",
    ]
}
