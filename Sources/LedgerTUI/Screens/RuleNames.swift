/// Chinese names of the validation rules, for the checks screen's group headings (a clerk reads
/// 已在其他社区登记, not `id.other_community`).
enum RuleNames {
    static let names: [String: String] = [
        "required": "必填项未填写",
        "too_long": "超过最大长度",
        "enum": "不是规定的选项",
        "integer": "应为整数",
        "not_applicable": "不应填写的项目",
        "id.format": "身份证号格式不对",
        "id.length": "身份证号位数不对",
        "id.checksum": "身份证号校验位不对",
        "id.birth_date": "身份证号中的出生日期不对",
        "id.upgraded": "15位身份证号已升级",
        "id.duplicate": "本社区重复登记",
        "id.other_community": "已在其他社区登记",
        "date.format": "日期格式不对",
        "date.future": "日期晚于今天",
        "date.outside_period": "日期不在考核期内",
        "date.before_birth": "日期早于出生日期",
        "birth_date.mismatch": "出生日期与身份证号不符",
        "gender.mismatch": "性别与身份证号不符",
        "phone.format": "联系电话格式不对",
        "name.chars": "姓名含不允许的字符",
        "code.chars": "代码含不允许的字符",
        "credit.format": "统一社会信用代码格式不对",
        "credit.checksum": "统一社会信用代码校验位不对",
        "business.not_early_stage": "不属于初创期",
        "jobs.large": "带动就业人数偏大",
        "jobs.impossible": "带动就业人数不可能",
        "jobs.not_started": "未创业却填写了带动就业",
        "subsidy.jobs": "岗位开发补贴缺少带动就业",
        "subsidy.not_eligible": "享受补贴与符合条件不一致",
        "service.unknown_person": "服务对象不在摸底台账中",
        "service.name_mismatch": "服务对象姓名与摸底台账不符",
        "service.before_survey": "服务日期早于摸底日期",
        "service.training_not_in_survey": "创业培训未记入摸底台账",
        "activity.participants": "未填写参与人数",
        "activity.person_missing": "未填写关联人员",
        "activity.person_unknown": "关联人员不在摸底台账中",
        "activity.story_short": "典型事迹不足500字",
        "period.format": "考核期格式不对",
        "period.order": "考核期起止颠倒",
        "labour_force.below_registered": "城镇劳动者总数少于摸底人数",
        "labour_force.tenfold": "城镇劳动者总数相差10倍以上",
    ]

    /// The rule's Chinese name; a rule without one is named by the field it concerns.
    static func name(_ code: String, fieldLabel: String) -> String {
        names[code] ?? "\(fieldLabel)的问题"
    }
}
