#!/usr/bin/env python3
"""Regenerate the seed corpus fuzz/corpus/pipeline/seed-* from fixtures/*.txt.

Whole fixtures, leading slices, single tables, narrative paragraphs, re-encodings (UTF-16
LE/BE with BOM, GB18030) and a few hand-written small documents. Run from anywhere.
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus" / "pipeline"
CAP = 24_000  # bytes per slice: keeps the corpus small and the fuzzer fast

MARKER = re.compile(r"^\s*(表\s*[一二三四五六七八九十0-9]{1,2}[：:]?\s*$|\s*(\d\s*[.．]\s*)?20\d\d年部门.*(总表|情况表)\s*$)")


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    (OUT / f"seed-{name}").write_bytes(data[:CAP] if not name.startswith("full-") else data)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("seed-*"):
        old.unlink()
    fixtures = sorted((ROOT / "fixtures").glob("*.txt"))
    for fx in fixtures:
        stem = fx.stem.split("_")[0] if fx.stem[0].isdigit() else fx.stem.replace("-2025-dept-budget", "")
        text = fx.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        write(f"full-{stem}.txt", text)
        write(f"head40-{stem}.txt", "".join(lines[:40]))
        write(f"head300-{stem}.txt", "".join(lines[:300]))
        # Single tables: from a marker/title line to the next one (skipping the contents).
        starts = [i for i, l in enumerate(lines) if MARKER.match(l) and "…" not in l and i > 30]
        for n, (a, b) in enumerate(zip(starts, starts[1:] + [len(lines)])):
            if n >= 4:
                break
            write(f"table{n + 1}-{stem}.txt", "".join(lines[a:b]))
        # Narrative: sentences with year-over-year changes and shares.
        nar = [l for l in lines if re.search(r"比上年|占.*%|万元", l) and len(l) > 30 and "\t" not in l]
        if nar:
            write(f"narrative-{stem}.txt", "".join(nar[:60]))
    # Re-encodings of a slice of one tab-layout fixture.
    src = (ROOT / "fixtures" / "002_0e3626f947e34449.txt").read_text(encoding="utf-8")
    part = "".join(src.splitlines(keepends=True)[:260])
    write("utf16le-002.txt", b"\xff\xfe" + part.encode("utf-16-le"))
    write("utf16be-002.txt", b"\xfe\xff" + part.encode("utf-16-be"))
    write("gb18030-002.txt", part.encode("gb18030"))
    lay = (ROOT / "fixtures" / "gov-office-2025-dept-budget.layout.txt").read_text(encoding="utf-8")
    write("gb18030-gov-office.txt", "".join(lay.splitlines(keepends=True)[100:180]).encode("gb18030"))
    # Hand-written small documents.
    write("mini-expense.txt", (
        "表三：部门支出总体情况表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n"
        "201 一般公共服务支出 1,476.62 1,302.62 174.00\n20103 政府办公厅（室）及相关机构事务 1476.62 1302.62 174.00\n"
        "2010301 行政运行 1302.62 1302.62\n2010350 事业运行 174.00  174.00\n合计 1476.62 1302.62 174.00\n"
        "三、支出预算情况说明\n2020年支出预算1476.62万元，比上年预算增加82.72万元，增长5.94%。其中：基本支出1302.62万元，占88.22%；项目支出174.00万元，占11.78%。\n"))
    write("mini-fullwidth.txt", (
        "表六　一般公共预算基本支出情况表\n单位：万元\n经济分类科目 合计 人员经费 公用经费\n"
        "３０１ 工资福利支出 ２８０．８７ ２８０．８７\n３０２ 商品和服务支出 １２６．７９  １２６．７９\n合计 ４０７．６６ ２８０．８７ １２６．７９\n"))
    write("mini-empty.txt", (
        "表九：政府性基金预算支出情况表\n单位：万元\n项目 合计 基本支出 项目支出\n合计\n"
        "备注：本部门没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。\n"))
    write("mini-three-public.txt", (
        "表八：财政拨款“三公”经费支出情况表\n单位：万元\n合计 因公出国（境）费 公务用车购置及运行费 公务用车购置费 公务用车运行费 公务接待费\n"
        "12.50 0 8.00 0 8.00 4.50\n“三公”经费预算12.50万元，比上年减少1.20万元，下降8.76%。其中公务接待费4.50万元。\n"))
    write("mini-perf.txt", (
        "项目支出绩效目标表\n项目名称 信息化运维\n预算单位 某某局\n年度资金总额 174.00 财政拨款 174.00 其他资金 0\n"
        "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 运维系统数 >=95%\n成本指标 经济成本 运维费 ≤87.2万元\n"))
    write("mini-pages.txt", "第二部分 2020年部门预算公开表\n表一\n部门收支总体情况表\n单位：万元\n收入 预算数\n\x0c- 2 -\n合计 1.00 1.00\n")
    write("mini-html.txt", "<table><tr><td>表五</td></tr><tr><td>一般公共预算支出情况表</td></tr><tr><td>单位：万元</td></tr><tr><td>合计</td><td>1&nbsp;234.5</td></tr></table>\n")
    write("mini-arith.txt", "预算情况说明\n主要用于护林员补助，2000元/月*12个月*15个站=36万元，共计378.365万元。\n")
    # Hostile shapes (small: the fuzzer grows them): amounts past Decimal's range, more
    # decimals than it holds, a long prose line, many bare markers, many reading-order rows.
    big = "79228162514264337593543950335"
    hdr = ("表三\n部门支出总体情况表\n编制部门：某某局\t单位：万元\n"
           "功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出\n")
    write("hostile-overflow.txt", hdr + f"201\t一般公共服务支出\t{big}\t{big}\t{big}\n"
          f"205\t教育支出\t{big}\t{big}\t{big}\n合计\t\t{big}\t{big}\t{big}\n")
    write("hostile-scale.txt", hdr + "201\t一般公共服务支出\t0.000000000000000000000000000001\t1\t1\n合计\t\t1.0000000000000000000000000001\t1\t1\n")
    write("hostile-rates.txt", f"预算情况说明\n2020年收入预算{big}万元，比上年增加{big}万元，增长{big}%。"
          "支出预算0.0000000001万元，其中基本支出999999999999999万元，占99999999999999%。\n")
    write("hostile-long-prose.txt", "预算" + "一般公共服务支出1.00万元，" * 400 + "\n")
    write("hostile-markers.txt", "表一\n单位：万元\n" * 300)
    write("hostile-flow-rows.txt", "表三\n部门支出总体情况表\n单位：万元\n科目编码\n科目名称\n合计\n基本支出\n项目支出\n"
          + "2010301\n行政运行\n1.00\n" * 300 + "合计\n300.00\n")
    total = sum(p.stat().st_size for p in OUT.glob("seed-*"))
    print(f"{len(list(OUT.glob('seed-*')))} seeds, {total} bytes")


if __name__ == "__main__":
    main()
