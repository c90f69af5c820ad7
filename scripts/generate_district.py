#!/usr/bin/env python3
"""Writes a deterministic synthetic district as CSV files: made-up people with valid-format ID numbers.

usage: generate_district.py OUT_DIR [--communities N] [--persons N] [--services N]
Produces OUT_DIR/profiles/*.toml, OUT_DIR/survey-CODE.csv and OUT_DIR/service-CODE.csv per community.
"""
import argparse, os, random

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
M = "10X98765432"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯健俊帆帅旭宁龙林欣佳琪雪梅"
EDU = ["研究生", "大学本科", "大专", "中专", "高中", "初中", "小学"]
CATS = ["高校毕业生", "登记失业人员", "就业困难人员", "返乡入乡创业人员", "退役军人", "残疾人", "低保家庭成员", "其他"]
TYPES = ["政策咨询", "创业指导", "创业培训", "融资服务", "创业孵化", "项目推介", "开业指导", "跟踪服务"]
METHODS = ["窗口", "上门", "电话", "线上", "集中活动"]

SURVEY_HEADER = "姓名,公民身份号码,文化程度,户籍性质,联系电话,人员类别,创业状态,摸底日期,参加创业培训,培训类型,培训结业日期,培训合格,合格证书编号,经营主体名称,主体类型,营业执照登记日期,带动就业人数,首次创业补贴-符合条件,首次创业补贴-已享受"
SERVICE_HEADER = "服务日期,公民身份号码,服务类型,服务方式,服务内容,经办人"


def id_number(region, year, month, day, seq):
    body = "%s%04d%02d%02d%03d" % (region, year, month, day, seq)
    return body + M[sum(int(c) * w for c, w in zip(body, W)) % 11]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--communities", type=int, default=100)
    ap.add_argument("--persons", type=int, default=1_000_000)
    ap.add_argument("--services", type=int, default=3_000_000)
    ap.add_argument("--seed", type=int, default=20241231)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "profiles"), exist_ok=True)
    per = a.persons // a.communities
    services_per = a.services // a.communities
    used = set()
    for c in range(a.communities):
        code = "630102%03d" % (c + 1)
        street = "第%d街道" % (c // 10 + 1)
        with open(os.path.join(a.out, "profiles", code + ".toml"), "w") as f:
            f.write('[community]\ncode = "%s"\nname = "第%d社区"\nstreet = "%s"\ndistrict = "城东区"\nlevel = "社区"\n'
                    'labour_force = %d\nperiod = "2024-01-01..2024-12-31"\n[checklist]\nleading_group = 2\nservice_window = 2\n'
                    % (code, c + 1, street, per * 12))
        ids = []
        with open(os.path.join(a.out, "survey-%s.csv" % code), "w") as f:
            f.write(SURVEY_HEADER + "\n")
            for i in range(per):
                while True:
                    y, m, d, s = rng.randint(1960, 2003), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 999)
                    idn = id_number("630102", y, m, d, s)
                    if idn not in used:
                        used.add(idn)
                        break
                ids.append(idn)
                name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
                phone = "1%d%09d" % (rng.randint(3, 9), rng.randint(0, 999_999_999))
                started = rng.random() < 0.35
                trained = rng.random() < 0.5
                row = [name, idn, rng.choice(EDU), rng.choice(["城镇", "农村"]), phone, rng.choice(CATS),
                       "已创业" if started else "有创业意愿", "2024-%02d-%02d" % (rng.randint(1, 6), rng.randint(1, 28))]
                if trained:
                    passed = rng.random() < 0.9
                    row += ["是", rng.choice(["SYB", "GYB", "IYB", "网络创业培训"]), "2024-%02d-15" % rng.randint(1, 10),
                            "是" if passed else "否", ("C%s" % idn[-8:]) if passed else ""]
                else:
                    row += ["否", "", "", "", ""]
                if started:
                    lic_year = max(y + 17, rng.randint(2020, 2024))
                    row += [name + "经营部", rng.choice(["个体工商户", "企业", "网店"]), "%d-%02d-%02d" % (lic_year, rng.randint(1, 9), rng.randint(1, 28)),
                            str(rng.randint(0, 8))]
                else:
                    row += ["", "", "", "0"]
                eligible = started and rng.random() < 0.3
                row += ["是" if eligible else "否", "是" if eligible and rng.random() < 0.9 else "否"]
                f.write(",".join(row) + "\n")
        with open(os.path.join(a.out, "service-%s.csv" % code), "w") as f:
            f.write(SERVICE_HEADER + "\n")
            for _ in range(services_per):
                f.write("2024-%02d-%02d,%s,%s,%s,%s,工作人员%d\n" % (
                    rng.randint(1, 12), rng.randint(1, 28), rng.choice(ids), rng.choice(TYPES), rng.choice(METHODS),
                    "为服务对象讲解创业政策并登记需求", rng.randint(1, 5)))


if __name__ == "__main__":
    main()
