#!/usr/bin/env python3
"""Write the layout corpus: test/fixtures/corpus/<layout>/<name>.{txt,answer.json,faulty.txt,faults.json}.

Every document here is invented: the departments are "某县…局"-style placeholders, the figures are made up. The
shapes (section words, column headers, where the figures sit) follow published self-evaluations of many provinces,
described in docs/layouts-research.md; no text of a published document is copied.

Consistent by construction: each document is a function of an override map. With no overrides it prints the
figures it computes (rates from amounts, scores from the 财预〔2020〕10号 rules, totals from their rows), so the clean
document has no fault. Its faulted twin is the same function with the planted overrides (a printed cell replaced);
everything not overridden — including totals that depend on an overridden cell — is computed the same way, so the
twins differ only by the planted edits (checked below: the changed lines are exactly those holding an override).

Standard library only. Usage: python3 scripts/corpus/make-corpus.py [--check]   (--check: fail if files differ)
"""

from __future__ import annotations

import difflib
import json
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test" / "fixtures" / "corpus"

D = Decimal
HUNDRED = D(100)


# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# numbers as printed
# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────

def q(x: Decimal, places: int = 2) -> Decimal:
    """Half-up rounding (四舍五入), as the forms print."""
    return x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(x: Decimal, sep: bool = False, places: int = 2) -> str:
    return f"{q(x, places):,.{places}f}" if sep else f"{q(x, places):.{places}f}"


def rate_of(num: Decimal, den: Decimal, places: int = 2) -> Decimal:
    """A percentage, rounded half-up to `places` decimals."""
    return q(num / den * HUNDRED, places)


def pct(num: Decimal, den: Decimal, places: int = 2, sign: str = "%") -> str:
    return f"{rate_of(num, den, places):.{places}f}{sign}"


def plain(x: Decimal) -> str:
    """A decimal without trailing zeros ("9.60" → "9.6", "100.00" → "100")."""
    s = format(x.normalize(), "f")
    return s


def wan_answer(x: Decimal, unit: str, printed: str | None = None) -> str:
    """An amount for the answer file: 万元 as printed (no separators); 元 divided by 10 000 exactly."""
    if unit == "万元":
        return (printed if printed is not None else money(x)).replace(",", "")
    return plain(x / D(10000))


FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def fw(s: str) -> str:
    """Full-width digits, as some OCR and PDF-to-text steps leave them."""
    return s.translate(FULL)


def num(s: str) -> Decimal:
    """A printed number back as a decimal (full-width digits, separators, % and units dropped)."""
    import unicodedata
    t = unicodedata.normalize("NFKC", s).replace(",", "").replace("%", "").strip()
    return D(t)


# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# overrides: the one way a faulted twin differs from its clean document
# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────

class Ov:
    """Printed cells by key; a key in the map replaces the computed text."""

    def __init__(self, overrides: dict[str, str] | None = None):
        self.map = dict(overrides or {})
        self.used: set[str] = set()

    def __call__(self, key: str, text: str) -> str:
        if key in self.map:
            self.used.add(key)
            return self.map[key]
        return text

    def unused(self) -> set[str]:
        return set(self.map) - self.used


class Doc:
    """Lines of a document as copy-paste or PDF-to-text gives it: table cells separated by TAB."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def p(self, *texts: str) -> None:
        self.lines.extend(texts)

    def blank(self) -> None:
        self.lines.append("")

    def row(self, *cells: str) -> None:
        self.lines.append("\t".join(cells))

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# indicators (绩效指标) and their scores by 财预〔2020〕10号
# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────

class Ind:
    """One three-level indicator. `tval` and `actual` are numbers as printed (without unit) unless qualitative."""

    def __init__(self, l1: str, l2: str, name: str, direction: str, tval: str, unit: str, actual: str,
                 weight: str, score: str | None = None, reason: str = "", unit_in_actual: bool = True):
        self.l1, self.l2, self.name = l1, l2, name
        self.dir, self.tval, self.unit, self.actual = direction, tval, unit, actual
        self.weight = D(weight)
        self.reason = reason
        self.unit_in_actual = unit_in_actual
        self.score = D(score) if score is not None else self.auto_score()

    def auto_score(self) -> Decimal:
        """Met → full points; missed → points × completion (mirrored for ≤); 财预〔2020〕10号, SPEC §5.4."""
        if self.dir == "定性":
            raise ValueError(f"{self.name}: a qualitative indicator needs its score")
        t, a, w = D(self.tval), D(self.actual), self.weight
        if self.dir == "≥":
            return w if a >= t else q(w * a / t)
        if self.dir == "≤":
            return w if a <= t or a == 0 else q(w * t / a)
        if self.dir == "=":
            return w if a == t else q(w * min(a, t) / max(a, t))
        raise ValueError(self.dir)

    def misses(self) -> bool:
        if self.dir == "定性":
            return False
        t, a = D(self.tval), D(self.actual)
        return {"≥": a < t, "≤": a > t, "=": a != t}[self.dir]

    def target(self, eq_sign: str = "=") -> str:
        """The target as one cell prints it: ≥50个, ≤5%, =100%, or the qualitative text."""
        if self.dir == "定性":
            return self.tval
        sign = eq_sign if self.dir == "=" else self.dir
        return f"{sign}{self.tval}{self.unit}"

    def actual_text(self) -> str:
        if self.dir == "定性" or not self.unit_in_actual:
            return self.actual
        return f"{self.actual}{self.unit}"


def fmt_score(x: Decimal) -> str:
    """Scores print with up to 2 decimals, whole numbers bare (10, 9.6, 13.85)."""
    return plain(q(x))


def answer_indicator(ind: Ind, target: str, actual: str, l1: str | None = None, l2: str | None = None) -> dict:
    return {"level1": l1 if l1 is not None else ind.l1, "level2": l2 if l2 is not None else ind.l2,
            "name": ind.name, "target": target, "actual": actual}


def summary(department, year, kind, initial, adjusted, actual, completion, adjustment=None, tasks=(),
            indicators=(), projects=(), self_total=None, self_max=None) -> dict:
    """The Summary shape of src/core/summary.ts (`jixiao summary --json`)."""
    return {
        "department": department,
        "year": year,
        "documentKind": kind,
        "budget": {"initial": initial, "adjusted": adjusted, "actual": actual},
        "printedRates": {"completion": completion, "adjustment": adjustment},
        "tasks": list(tasks),
        "indicators": list(indicators),
        "projects": list(projects),
        "selfScore": None if self_total is None else {"total": self_total, "max": self_max},
    }


# Rule codes that name the same planted fault: a total that differs from its rows is `parts-sum` to the brief and
# `total-mismatch` to a plain table's total row; an execution score raised to full marks is both a wrong score
# (`execution-score-mismatch`) and full marks despite the rate (`execution-full-marks`). A finding under either code
# finds the fault and is not a false error.
ALSO = {"parts-sum": ["total-mismatch"], "execution-score-mismatch": ["execution-full-marks"]}


class Fault:
    def __init__(self, rule: str, set: dict[str, str], includes: list[str], why: str):
        self.rule, self.set, self.includes, self.why = rule, set, includes, why
        self.also = ALSO.get(rule, [])


class Case:
    def __init__(self, layout: str, name: str, build, faults: list[Fault], note: str):
        self.layout, self.name, self.build, self.faults, self.note = layout, name, build, faults, note


CASES: list[Case] = []


def case(layout: str, name: str, note: str, faults: list[Fault]):
    def register(build):
        CASES.append(Case(layout, name, build, faults, note))
        return build
    return register


# Common narrative pieces: invented, deliberately plain.
GOAL = "围绕年度重点工作，保障机构正常运转，完成各项业务工作任务，提高资金使用效益和公共服务水平。"
DONE = "全年各项重点工作按计划推进，主要指标基本完成，资金按规定拨付使用，服务对象总体满意。"


# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# project-form — 项目支出绩效自评表 (财预〔2020〕10号 attachment) and its provincial variants
# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────

def fund_block(d: Doc, ov: Ov, rows: list[tuple[str, Decimal | None, Decimal | None, Decimal | None]], unit: str, *,
               head: list[str], sep: bool = False, weight: str = "10", empty: str = "—", style=lambda s: s,
               rate_places: int = 2, sub_rates: bool = True) -> tuple[str, str, str]:
    """The 项目资金 block: the total row first, then 其中 rows; returns the printed total rate, score and weight."""
    d.row(*head)
    out = ("", "", weight)
    for i, (label, ini, adj, act) in enumerate(rows):
        key = "fund" if i == 0 else f"fund.{label}"
        cells = [ov(f"{key}.initial", style(money(ini, sep)) if ini is not None else ""),
                 ov(f"{key}.adjusted", style(money(adj, sep)) if adj is not None else ""),
                 ov(f"{key}.actual", style(money(act, sep)) if act is not None else "")]
        if i == 0:
            r = rate_of(act, adj, rate_places)
            score = q(min(act / adj, D(1)) * D(weight))
            # The score from the exact rate and from the printed rate agree (else the data would be ambiguous).
            assert q(min(r / HUNDRED, D(1)) * D(weight)) == score, (label, r, score)
            rate_t = ov("fund.rate", style(f"{r:.{rate_places}f}%"))
            score_t = ov("fund.score", style(fmt_score(score)))
            cells += [weight, rate_t, score_t]
            out = (rate_t, score_t, weight)
        else:
            rate_t = style(pct(act, adj, rate_places)) if (sub_rates and adj and act is not None) else ""
            cells += [empty, ov(f"{key}.rate", rate_t), empty]
        d.row("", label, *cells)
    return out


def indicator_rows(d: Doc, ov: Ov, inds: list[Ind], *, lead: str = "", weights_in_l1: dict[str, str] | None = None,
                   eq_sign: str = "=", style=lambda s: s, repeat_l1: bool = False, split_at: int | None = None,
                   split_lines: list[str] | None = None, header: list[str] | None = None) -> list[Decimal]:
    """Rows 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因; level cells merged (printed once)."""
    scores = []
    last1 = last2 = None
    for i, ind in enumerate(inds):
        if split_at is not None and i == split_at:
            d.p(*(split_lines or []))
            if header:
                d.row(*header)
            last1 = last2 = None  # after a page break the merged cells print again
        l1 = ind.l1 if weights_in_l1 is None else f"{ind.l1}{weights_in_l1[ind.l1]}"
        c1 = l1 if (repeat_l1 or ind.l1 != last1) else ""
        c2 = ind.l2 if (repeat_l1 or ind.l2 != last2 or ind.l1 != last1) else ""
        last1, last2 = ind.l1, ind.l2
        s = ov(f"score.{ind.name}", style(fmt_score(ind.score)))
        a = ov(f"actual.{ind.name}", style(ind.actual_text()))
        scores.append(num(s))
        d.row(lead, c1, c2, ind.name, style(ind.target(eq_sign)), a, style(fmt_score(ind.weight)), s, ind.reason)
    return scores


def pf_answer_inds(inds: list[Ind], eq_sign: str = "=", ov: Ov | None = None) -> list[dict]:
    return [answer_indicator(i, i.target(eq_sign), i.actual_text()) for i in inds]


# 1. national form, 万元, level-1 weights inside the names, a missed indicator scored by completion
PF1_INDS = [
    Ind("产出指标", "数量指标", "新建高标准农田面积", "≥", "1.2", "万亩", "1.2", "20"),
    Ind("产出指标", "数量指标", "新修机耕道路长度", "≥", "35", "公里", "36.4", "10"),
    Ind("产出指标", "质量指标", "工程验收合格率", "=", "100", "%", "100", "10"),
    Ind("产出指标", "时效指标", "项目完工及时率", "≥", "95", "%", "100", "10"),
    Ind("效益指标", "经济效益指标", "亩均粮食产能提高", "≥", "100", "公斤", "92", "15",
        reason="部分地块当年受旱，产能未完全释放；下年加强灌溉设施管护"),
    Ind("效益指标", "可持续影响指标", "工程设计使用年限", "≥", "15", "年", "15", "15"),
    Ind("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥", "90", "%", "95.6", "10"),
]


@case("project-form", "county-farmland-2022",
      "national form, 万元 (OCR 万兀 in the funds header); weights in the level-1 names; one indicator missed and scored "
      "by completion",
      [Fault("execution-score-mismatch", {"fund.score": "9.9"}, ["9.9"],
             "执行率 96.00% × 分值 10 = 9.6，印 9.9（总分随之照加，仍等于各项之和）。"),
       Fault("full-marks-despite-miss", {"score.亩均粮食产能提高": "15"}, ["亩均粮食产能提高"],
             "指标值 ≥100公斤，实际 92公斤，未达成却给满分 15（应为 15 × 92/100 = 13.8）。"),
       Fault("score-total-mismatch", {"total": "97.5"}, ["97.5"],
             "各项得分之和为 99.9（含上面两处改动），总分印 97.5。")])
def pf1(ov: Ov):
    d = Doc()
    dept, unit_name = "某县农业农村局", "某县农田建设服务中心"
    d.p("附件2", "", "项目支出绩效自评表", "（2022年度）", "")
    d.row("项目名称", "高标准农田建设项目")
    d.row("主管部门", "某县农业农村局", "实施单位", unit_name)
    rows = [("年度资金总额", D("1200.00"), D("1350.00"), D("1296.00")),
            ("其中：当年财政拨款", D("1200.00"), D("1350.00"), D("1296.00")),
            ("上年结转资金", None, None, None), ("其他资金", None, None, None)]
    # An OCR slip the scanned original leaves: 兀 for 元 in the unit.
    rate_t, score_t, _ = fund_block(d, ov, rows, "万元",
                                    head=["项目资金（万兀）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d.row("年度总体目标", "预期目标", "", "", "实际完成情况")
    d.row("", "建成高标准农田1.2万亩，配套机耕道路和灌排设施，提高粮食综合生产能力。", "", "",
          "建成高标准农田1.2万亩，新修机耕道路36.4公里，工程全部通过验收。")
    w = {"产出指标": "(50分)", "效益指标": "(30分)", "满意度指标": "(10分)"}
    d.row("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    scores = indicator_rows(d, ov, PF1_INDS, weights_in_l1=w)
    total = ov("total", fmt_score(sum(scores) + num(score_t)))
    d.row("总分", "", "", "", "", "", "100", total, "")
    d.blank()
    d.p("填报人：王某某    联系电话：0000-1234567    填报日期：2023年3月10日")
    ans = summary(dept, 2022, "project-form", "1200.00", "1350.00", "1296.00", rate_t.rstrip("%"),
                  indicators=pf_answer_inds(PF1_INDS), self_total=total, self_max="100")
    return d.text(), ans


# 2. 元 amounts with thousands separators (安徽-style 本年财政拨款), unit codes before the implementing unit
PF2_INDS = [
    Ind("产出指标", "数量指标", "改造校舍面积", "≥", "3200", "平方米", "3260", "15"),
    Ind("产出指标", "数量指标", "购置学生课桌椅", "≥", "1500", "套", "1500", "10"),
    Ind("产出指标", "质量指标", "设备验收合格率", "=", "100", "%", "100", "15"),
    Ind("产出指标", "时效指标", "开学前完工率", "≥", "95", "%", "90", "5", reason="雨季影响两处屋面施工，已于9月中旬完工"),
    Ind("产出指标", "成本指标", "校舍改造单位成本", "≤", "850", "元/平方米", "812", "5"),
    Ind("效益指标", "社会效益指标", "受益学生人数", "≥", "2800", "人", "2915", "20"),
    Ind("效益指标", "可持续影响指标", "校舍安全隐患消除率", "=", "100", "%", "100", "10"),
    Ind("满意度指标", "服务对象满意度指标", "师生满意度", "≥", "90", "%", "93.2", "10"),
]


@case("project-form", "district-schools-2023",
      "national form in 元 with thousands separators, 本年财政拨款, a budget code before the implementing unit",
      [Fault("rate-mismatch", {"fund.其中：本年财政拨款.rate": "97.85%"}, ["97.85"],
             "本年财政拨款 执行 5,806,300.00 ÷ 全年 6,000,000.00 = 96.77%，印 97.85%。"),
       Fault("score-above-weight", {"score.受益学生人数": "22"}, ["受益学生人数", "22"],
             "分值 20，得分印 22（总分随之照加）。"),
       Fault("parts-sum", {"fund.initial": "6,580,000.00"}, ["6580000"],
             "年度资金总额 年初预算数印 6,580,000.00，其下各行之和为 6,380,000.00。")])
def pf2(ov: Ov):
    d = Doc()
    dept = "某区教育局"
    d.p("项目支出绩效自评表", "（ 2023 年度）", "")
    d.row("项目名称", "义务教育薄弱学校改善项目", "", "自评得分", "")
    d.row("主管部门", dept, "", "实施单位", "305001-某区第二中学")
    rows = [("年度资金总额", D("6380000.00"), D("6380000.00"), D("6186300.00")),
            ("其中：本年财政拨款", D("6000000.00"), D("6000000.00"), D("5806300.00")),
            ("上年结转资金", D("380000.00"), D("380000.00"), D("380000.00")),
            ("其他资金", None, None, None)]
    rate_t, score_t, _ = fund_block(d, ov, rows, "元", sep=True,
                                    head=["项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d.row("年度总体目标", "预期目标", "", "", "实际完成情况")
    d.row("", "完成3200平方米校舍改造，购置课桌椅1500套，改善办学条件。", "", "",
          "完成校舍改造3260平方米，购置课桌椅1500套，9月中旬全部投入使用。")
    d.row("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    scores = indicator_rows(d, ov, PF2_INDS)
    total = ov("total", fmt_score(sum(scores) + num(score_t)))
    d.row("总分", "", "", "", "", "", "100", total, "")
    d.blank()
    d.p("注：金额单位为元。")
    ans = summary(dept, 2023, "project-form", wan_answer(D("6380000.00"), "元"), wan_answer(D("6380000.00"), "元"),
                  wan_answer(D("6186300.00"), "元"), rate_t.rstrip("%"),
                  indicators=pf_answer_inds(PF2_INDS), self_total=total, self_max="100")
    return d.text(), ans


# 3. 上年结转资金 and 其他资金 rows filled, 万元, target 增减 wording
PF3_INDS = [
    Ind("产出指标", "数量指标", "河道清淤长度", "≥", "18", "公里", "18.6", "15"),
    Ind("产出指标", "数量指标", "新建护岸", "≥", "4.5", "公里", "4.2", "10", reason="一处护岸因征地未完成顺延至下年"),
    Ind("产出指标", "质量指标", "工程质量合格率", "=", "100", "%", "100", "15"),
    Ind("产出指标", "时效指标", "汛前完工率", "≥", "90", "%", "92", "10"),
    Ind("效益指标", "社会效益指标", "沿河防洪标准达标率", "≥", "85", "%", "88", "15"),
    Ind("效益指标", "生态效益指标", "断面水质达标率", "≥", "80", "%", "83.3", "15"),
    Ind("满意度指标", "服务对象满意度指标", "沿河群众满意度", "≥", "85", "%", "91", "10"),
]


@case("project-form", "city-river-2021",
      "national form, 万元, with 上年结转资金 and 其他资金 rows filled",
      [Fault("parts-sum", {"fund.其中：当年财政拨款.initial": "1,880.00"}, ["2430"],
             "当年财政拨款 年初预算数改印 1,880.00 后，三行之和为 2,460.00，年度资金总额仍印 2,430.00。"),
       Fault("full-marks-despite-miss", {"score.新建护岸": "10"}, ["新建护岸"],
             "指标值 ≥4.5公里，实际 4.2公里，未达成却给满分 10（应为 9.33）。"),
       Fault("rate-mismatch", {"fund.上年结转资金.rate": "100.00%"}, ["上年结转资金"],
             "上年结转资金 执行 362.40 ÷ 全年 380.00 = 95.37%，印 100.00%。")])
def pf3(ov: Ov):
    d = Doc()
    dept = "某市水利局"
    d.p("项目支出绩效自评表", "（2021年度）", "")
    d.row("项目名称", "中小河流综合治理项目")
    d.row("主管部门", dept, "实施单位", "某市河道管理处")
    cur = (D("1850.00"), D("1980.00"), D("1893.95"))
    carried = (D("380.00"), D("380.00"), D("362.40"))
    other = (D("200.00"), D("200.00"), D("180.00"))
    tot = tuple(a + b + c for a, b, c in zip(cur, carried, other))
    rows = [("年度资金总额", *tot), ("其中：当年财政拨款", *cur), ("上年结转资金", *carried), ("其他资金", *other)]
    rate_t, score_t, _ = fund_block(d, ov, rows, "万元", sep=True,
                                    head=["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d.row("年度总体目标", "预期目标", "", "", "实际完成情况")
    d.row("", "完成河道清淤18公里、新建护岸4.5公里，汛前主体完工，提高沿河防洪能力。", "", "",
          "完成清淤18.6公里、护岸4.2公里，汛前完工率92%，沿河防洪标准达标率88%。")
    d.row("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    scores = indicator_rows(d, ov, PF3_INDS)
    total = ov("total", fmt_score(sum(scores) + num(score_t)))
    d.row("总分", "", "", "", "", "", "100", total, "")
    ans = summary(dept, 2021, "project-form", money(tot[0]), money(tot[1]), money(tot[2]), rate_t.rstrip("%"),
                  indicators=pf_answer_inds(PF3_INDS), self_total=total, self_max="100")
    return d.text(), ans


# 4. 云南-style: target split over 指标性质 | 指标值 | 度量单位 (﹦, ≥), page footers inside the indicator table,
#    the header repeated after the page break
PF4_INDS = [
    Ind("产出指标", "数量指标", "开展家庭医生签约服务人数", "≥", "42000", "人", "43518", "10", unit_in_actual=False),
    Ind("产出指标", "数量指标", "孕产妇健康管理人数", "≥", "3600", "人", "3412", "10", unit_in_actual=False,
        reason="出生人口下降，管理对象减少"),
    Ind("产出指标", "数量指标", "65岁以上老年人健康体检人数", "≥", "28000", "人", "29106", "10", unit_in_actual=False),
    Ind("产出指标", "质量指标", "居民电子健康档案建档率", "≥", "90", "%", "92.5", "10", unit_in_actual=False),
    Ind("产出指标", "时效指标", "补助资金及时拨付率", "=", "100", "%", "100", "10", unit_in_actual=False),
    Ind("效益指标", "社会效益指标", "重点人群健康管理率", "≥", "70", "%", "73.8", "15", unit_in_actual=False),
    Ind("效益指标", "可持续影响指标", "基层医疗机构服务能力", "定性", "逐步提升", "", "有所提升", "15", score="13.5",
        reason="部分乡镇卫生院人员不足"),
    Ind("满意度指标", "服务对象满意度指标", "城乡居民满意度", "≥", "85", "%", "90.3", "10", unit_in_actual=False),
]


@case("project-form", "prefecture-health-2024",
      "云南-style export: target split over 指标性质 | 指标值 | 度量单位 (﹦, ≥), page footers inside the table, "
      "header repeated after the break",
      [Fault("full-marks-despite-miss", {"score.孕产妇健康管理人数": "10"}, ["孕产妇健康管理人数"],
             "指标值 ≥3600人，实际 3412人，未达成却给满分 10（应为 9.48）。"),
       Fault("execution-score-mismatch", {"fund.score": "10"}, ["94.05"],
             "执行率 94.05%，分值 10，得分应为 9.41，印 10（满分）。"),
       Fault("score-total-mismatch", {"total": "95.86"}, ["95.86"],
             "各项得分之和为 98.5（含上面两处改动），总分印 95.86。")])
def pf4(ov: Ov):
    d = Doc()
    dept = "某州卫生健康委员会"
    d.p("项目支出绩效自评表", "（2024年度）", "单位：万元", "")
    d.row("项目名称", "基本公共卫生服务补助资金")
    d.row("主管部门", dept, "实施单位", "某州疾病预防控制中心")
    rows = [("年度资金总额", D("3260.00"), D("3412.60"), D("3209.62")),
            ("其中：当年财政拨款", D("3260.00"), D("3412.60"), D("3209.62")),
            ("上年结转资金", None, None, None), ("其他资金", None, None, None)]
    rate_t, score_t, _ = fund_block(d, ov, rows, "万元",
                                    head=["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d.row("年度总体目标", "预期目标", "", "", "实际完成情况")
    d.row("", "为辖区居民免费提供基本公共卫生服务，提高重点人群健康管理水平。", "", "",
          "签约服务、老年人体检等任务超额完成，孕产妇健康管理人数未达预期。")
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    d.row(*header)
    scores = []
    for i, ind in enumerate(PF4_INDS):
        if i == 4:
            d.p("— 2 —")
            d.row(*header)
        nature = {"≥": "≥", "≤": "≤", "=": "﹦", "定性": "定性"}[ind.dir]
        s = ov(f"score.{ind.name}", fmt_score(ind.score))
        scores.append(num(s))
        d.row(ind.l1, ind.l2, ind.name, nature, ind.tval, ind.unit, ind.actual, fmt_score(ind.weight), s, ind.reason)
    total = ov("total", fmt_score(sum(scores) + num(score_t)))
    d.row("总分", "", "", "", "", "", "", "100", total, "")
    d.p("— 3 —")
    inds = [answer_indicator(i, i.target() if i.dir != "=" else f"={i.tval}{i.unit}", i.actual) for i in PF4_INDS]
    ans = summary(dept, 2024, "project-form", "3260.00", "3412.60", "3209.62", rate_t.rstrip("%"),
                  indicators=inds, self_total=total, self_max="100")
    return d.text(), ans


# 5. 宁夏-style: 调整预算数(A) | 全年执行数(B) | 执行率(B/A), 指标值(A) | 全年实际值(B), full-width digits
PF5_INDS = [
    Ind("产出指标", "数量指标", "草原围栏建设", "≥", "8000", "亩", "8000", "20"),
    Ind("产出指标", "数量指标", "补播改良草场面积", "≥", "5000", "亩", "5200", "15"),
    Ind("产出指标", "质量指标", "补播出苗率", "≥", "80", "%", "76", "15", reason="春旱少雨，出苗偏低"),
    Ind("效益指标", "生态效益指标", "项目区植被覆盖度提高", "≥", "5", "个百分点", "5.5", "20"),
    Ind("效益指标", "可持续影响指标", "围栏设施完好率", "≥", "95", "%", "98", "10"),
    Ind("满意度指标", "服务对象满意度指标", "牧户满意度", "≥", "90", "%", "94", "10"),
]


@case("project-form", "banner-grassland-2020",
      "宁夏-style column words (调整预算数(A), 全年执行数(B), 执行率(B/A), 指标值(A), 全年实际值(B)); full-width digits",
      [Fault("rate-mismatch", {"fund.财政拨款.rate": fw("99.20%")}, ["99.2"],
             "其中：财政拨款 执行率 = 724.60 ÷ 760.00 = 95.34%，印 99.20%。"),
       Fault("score-above-weight", {"score.草原围栏建设": fw("25")}, ["草原围栏建设", "25"],
             "分值 20，得分印 25（总分随之照加）。")])
def pf5(ov: Ov):
    d = Doc()
    dept = "某旗林业和草原局"
    d.p("项目支出绩效自评表", fw("（2020年度）"), "")
    d.row("项目名称", "退化草原生态修复治理项目")
    d.row("主管部门", dept, "实施单位", "某旗草原工作站")
    d.row("项目资金情况（万元）", "", "年初预算数", "调整预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分")
    ini, adj, act = D("700.00"), D("760.00"), D("724.60")
    r = rate_of(act, adj)
    score = q(act / adj * 10)
    rate_t = ov("fund.rate", fw(f"{r}%"))
    score_t = ov("fund.score", fw(fmt_score(score)))
    d.row("", "年度资金总额", fw(money(ini)), fw(money(adj)), fw(money(act)), "10", rate_t, score_t)
    d.row("", "其中：财政拨款", fw(money(ini)), fw(money(adj)), fw(money(act)), "—", ov("fund.财政拨款.rate", fw(f"{r}%")), "—")
    d.row("", "其他资金", "", "", "", "—", "", "—")
    d.row("年度总体目标", "预期目标", "", "", "实际完成情况")
    d.row("", "建设草原围栏8000亩，补播改良5000亩，遏制草原退化。", "", "", "完成围栏8000亩、补播5200亩，出苗率76%。")
    d.row("一级指标", "二级指标", "三级指标", "指标值(A)", "全年实际值(B)", "分值", "得分", "未完成原因分析")
    scores = []
    for ind in PF5_INDS:
        s = ov(f"score.{ind.name}", fw(fmt_score(ind.score)))
        scores.append(num(s))
        d.row(ind.l1, ind.l2, ind.name, fw(ind.target()), fw(ind.actual_text()), fw(fmt_score(ind.weight)), s, ind.reason)
    total = ov("total", fw(fmt_score(sum(scores) + num(score_t))))
    d.row("合计", "", "", "", "", "100", total, "")
    ans = summary(dept, 2020, "project-form", "700.00", "760.00", "724.60", f"{r}",
                  indicators=pf_answer_inds(PF5_INDS), self_total=plain(num(total)), self_max="100")
    return d.text(), ans


# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# funding-structure-form — the funding table whose header carries its formulas
# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────

FS_HEAD = ["资金类别", "年初安排①", "年中调整②", "小计③=①+②", "拨付④", "支出实现率⑤=④/③", "结余⑥=③-④", "结余率⑦=⑥/③"]


def funding_table(d: Doc, ov: Ov, parts: dict[str, tuple[Decimal, Decimal, Decimal]], *, sep: bool = True,
                  style=lambda s: s, break_after: str | None = None) -> dict[str, list[str]]:
    """财政资金小计 = 基本支出 + 项目支出; 合计 = 财政资金小计 + 其他收入; every cell by the header's formulas."""
    def vals(a1: Decimal, a2: Decimal, a4: Decimal) -> list[Decimal]:
        a3 = a1 + a2
        a6 = a3 - a4
        return [a1, a2, a3, a4, rate_of(a4, a3), a6, rate_of(a6, a3)]
    basic, project, other = parts["基本支出"], parts["项目支出"], parts["其他收入"]
    fiscal = tuple(b + p for b, p in zip(basic, project))
    total = tuple(f + o for f, o in zip(fiscal, other))
    rows = [("财政资金小计", fiscal), ("其中：基本支出", basic), ("项目支出", project), ("其他收入", other), ("合计", total)]
    d.row(*FS_HEAD)
    printed: dict[str, list[str]] = {}
    for label, (a1, a2, a4) in rows:
        v = vals(a1, a2, a4)
        cells = [money(x, sep) if i not in (4, 6) else f"{x:.2f}%" for i, x in enumerate(v)]
        cells = [ov(f"fs.{label}.{i + 1}", style(c)) for i, c in enumerate(cells)]
        printed[label] = cells
        d.row(label, *cells)
        if break_after == label:
            d.blank()  # a page break inside the table, no header repeated
    return printed


def fs_indicator_table(d: Doc, ov: Ov, inds: list[Ind], *, footer_at: int | None = None, footer: str = "") -> str:
    d.row("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析")
    scores = []
    last1 = last2 = None
    for i, ind in enumerate(inds):
        if footer_at is not None and i == footer_at:
            d.p(footer)
        c1 = ind.l1 if ind.l1 != last1 else ""
        c2 = ind.l2 if (ind.l2 != last2 or ind.l1 != last1) else ""
        last1, last2 = ind.l1, ind.l2
        s = ov(f"score.{ind.name}", fmt_score(ind.score))
        scores.append(num(s))
        d.row(c1, c2, ind.name, ind.target(), ind.actual_text(), fmt_score(ind.weight), s, ind.reason)
    total = ov("total", fmt_score(sum(scores)))
    d.row("合计", "", "", "", "", "100", total, "")
    return total


def fs_answer(dept, year, printed, inds, total) -> dict:
    t = printed["合计"]
    return summary(dept, year, "funding-structure-form", wan_answer(D(0), "万元", t[0]), wan_answer(D(0), "万元", t[2]),
                   wan_answer(D(0), "万元", t[3]), t[4].rstrip("%"), indicators=pf_answer_inds(inds),
                   self_total=total, self_max="100")


FS1_INDS = [
    Ind("产出指标", "数量指标", "城乡低保保障人数", "≥", "6500", "人", "6632", "15"),
    Ind("产出指标", "数量指标", "特困人员救助供养人数", "≥", "820", "人", "806", "10", reason="部分对象转入低保"),
    Ind("产出指标", "数量指标", "社区养老服务站点建设", "≥", "12", "个", "12", "10"),
    Ind("产出指标", "质量指标", "救助资金发放准确率", "=", "100", "%", "100", "10"),
    Ind("产出指标", "时效指标", "救助资金按月发放率", "=", "100", "%", "100", "10"),
    Ind("产出指标", "成本指标", "养老机构运营补贴标准", "≤", "1200", "元/床·年", "1200", "5"),
    Ind("效益指标", "社会效益指标", "困难群众基本生活保障率", "=", "100", "%", "100", "15"),
    Ind("效益指标", "可持续影响指标", "养老服务体系覆盖率", "≥", "85", "%", "87", "15"),
    Ind("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥", "90", "%", "93.5", "10"),
]


@case("funding-structure-form", "county-civil-affairs-2021",
      "funding table with formulas in the header (③=①+② … ⑦=⑥/③), rows by fund, then the indicator table",
      [Fault("row-formula", {"fs.其中：基本支出.5": "98.08%"}, ["基本支出", "98.08"],
             "基本支出：⑤=④/③ = 1,270.16 ÷ 1,282.00 = 99.08%，印 98.08%。"),
       Fault("row-formula", {"fs.其他收入.7": "16.67%"}, ["其他收入", "16.67"],
             "其他收入：⑦=⑥/③ = 23.60 ÷ 120.00 = 19.67%，印 16.67%。"),
       Fault("score-total-mismatch", {"total": "96.83"}, ["96.83"],
             "指标得分之和为 99.83，合计印 96.83。")])
def fs1(ov: Ov):
    d = Doc()
    dept = "某县民政局"
    d.p("部门整体支出绩效自评表", "（2021年度）", "")
    d.row("部门名称", dept, "", "", "", "", "单位：万元")
    printed = funding_table(d, ov, {"基本支出": (D("1236.80"), D("45.20"), D("1270.16")),
                                    "项目支出": (D("1593.60"), D("367.40"), D("1835.61")),
                                    "其他收入": (D("120.00"), D("0.00"), D("96.40"))})
    d.blank()
    d.row("年度绩效目标", "完成情况")
    d.row("保障城乡困难群众基本生活，完善养老服务体系，提升社会救助精准度。",
          "全年发放城乡低保、特困供养等救助资金，新建社区养老服务站点12个，救助资金按月足额发放。")
    d.blank()
    total = fs_indicator_table(d, ov, FS1_INDS)
    d.blank()
    d.p("填表人：赵某    审核人：钱某")
    return d.text(), fs_answer(dept, 2021, printed, FS1_INDS, total)


FS2_INDS = [
    Ind("产出指标", "数量指标", "公共文化活动场次", "≥", "300", "场", "326", "15"),
    Ind("产出指标", "数量指标", "文物保护单位巡查", "≥", "1200", "次", "1180", "10", reason="汛期部分点位暂停巡查"),
    Ind("产出指标", "数量指标", "图书馆新增藏书", "≥", "2", "万册", "2.3", "10"),
    Ind("产出指标", "数量指标", "非遗传承活动", "≥", "40", "场", "45", "10"),
    Ind("产出指标", "质量指标", "文化惠民演出完成率", "≥", "95", "%", "100", "10"),
    Ind("产出指标", "时效指标", "旅游安全事故", "=", "0", "起", "0", "5"),
    Ind("效益指标", "社会效益指标", "公共文化设施免费开放率", "=", "100", "%", "100", "15"),
    Ind("效益指标", "经济效益指标", "接待游客人次增长", "≥", "5", "%", "6.8", "15"),
    Ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "92.6", "10"),
]


@case("funding-structure-form", "district-culture-2023",
      "funding table with a negative 年中调整 and a page break inside it (no header repeated); a page footer inside "
      "the indicator table",
      [Fault("parts-sum", {"fs.合计.1": "5,631.30"}, ["5631.3"],
             "合计 年初安排印 5,631.30，财政资金小计 + 其他收入 = 5,611.30（年中调整同时少印 20.00，小计③仍相符）。"),
       Fault("parts-sum", {"fs.合计.2": "534.35"}, ["534.35"],
             "合计 年中调整印 534.35，财政资金小计 + 其他收入 = 554.35。"),
       Fault("full-marks-despite-miss", {"score.文物保护单位巡查": "10"}, ["文物保护单位巡查"],
             "指标值 ≥1200次，实际 1180次，未达成却给满分 10（应为 9.83）；合计随之照加。")])
def fs2(ov: Ov):
    d = Doc()
    dept = "某区文化和旅游局"
    d.p("2023年度部门整体支出绩效自评表", "")
    d.row("填报单位", dept, "", "", "", "", "金额单位：万元")
    printed = funding_table(d, ov, {"基本支出": (D("2106.30"), D("-58.40"), D("2031.52")),
                                    "项目支出": (D("3420.00"), D("612.75"), D("3811.06")),
                                    "其他收入": (D("85.00"), D("0.00"), D("61.20"))}, break_after="项目支出")
    d.blank()
    d.row("年度绩效目标", "完成情况")
    d.row("丰富群众文化生活，加强文物保护和非遗传承，推动文旅融合发展。",
          "全年举办公共文化活动326场，新增藏书2.3万册，接待游客人次增长6.8%。")
    d.blank()
    total = fs_indicator_table(d, ov, FS2_INDS, footer_at=5, footer="— 2 —")
    return d.text(), fs_answer(dept, 2023, printed, FS2_INDS, total)


FS3_INDS = [
    Ind("产出指标", "数量指标", "食品安全抽检批次", "≥", "4500", "批次", "4820", "15"),
    Ind("产出指标", "数量指标", "计量器具检定", "≥", "12000", "台件", "12650", "15"),
    Ind("产出指标", "质量指标", "特种设备定期检验率", "=", "100", "%", "100", "10"),
    Ind("产出指标", "质量指标", "双随机抽查覆盖率", "≥", "5", "%", "5.6", "10"),
    Ind("产出指标", "时效指标", "投诉举报按时办结率", "≥", "98", "%", "97.2", "10", reason="个别疑难投诉延期办结"),
    Ind("效益指标", "社会效益指标", "食品安全抽检合格率", "≥", "97", "%", "98.1", "15"),
    Ind("效益指标", "社会效益指标", "重大质量安全事故", "=", "0", "起", "0", "15"),
    Ind("满意度指标", "服务对象满意度指标", "消费者满意度", "≥", "85", "%", "88.4", "10"),
]


@case("funding-structure-form", "city-market-2019",
      "funding table printed with full-width digits; a mistyped 年初安排 carried into the 合计 row",
      [Fault("row-formula", {"fs.其他收入.1": fw("250.00")}, ["其他收入", "245"],
             "其他收入：年初安排印 250.00、年中调整 35.00，小计③ 印 245.00 ≠ ①+② = 285.00。"),
       Fault("row-formula", {"fs.合计.1": fw("7,728.20")}, ["合计", "8237.7"],
             "合计：年初安排随之印 7,728.20，年中调整 549.50，小计③ 印 8,237.70 ≠ ①+② = 8,277.70（① 列仍等于各行之和）。"),
       Fault("score-above-weight", {"score.食品安全抽检合格率": "18"}, ["食品安全抽检合格率", "18"],
             "分值 15，得分印 18（合计随之照加）。")])
def fs3(ov: Ov):
    d = Doc()
    dept = "某市市场监督管理局"
    d.p("部门整体支出绩效自评表", "（2019年度）", "")
    d.row("部门名称", dept, "", "", "", "", "单位：万元")
    printed = funding_table(d, ov, {"基本支出": (D("4518.20"), D("126.50"), D("4602.33")),
                                    "项目支出": (D("2960.00"), D("388.00"), D("3102.85")),
                                    "其他收入": (D("210.00"), D("35.00"), D("198.44"))}, style=fw)
    d.blank()
    d.row("年度绩效目标", "完成情况")
    d.row("守住食品药品安全底线，规范市场秩序，优化营商环境。", "全年完成食品安全抽检4820批次，合格率98.1%，未发生重大质量安全事故。")
    d.blank()
    total = fs_indicator_table(d, ov, FS3_INDS)
    # The answer holds the figures, not their full-width print.
    ascii_cells = {row: [format(num(c), "f") + ("%" if c.endswith("%") else "") for c in cells] for row, cells in printed.items()}
    return d.text(), fs_answer(dept, 2019, ascii_cells, FS3_INDS, total)


# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# execution-score-form — 执行率权重 × 执行率 = 执行率得分; indicators 得分系数 × 权重 (重庆-style)
# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────

class EInd:
    """An indicator of the execution-score form: no levels; value with its sign, unit apart; 得分 = 系数 × 权重."""

    def __init__(self, name: str, unit: str, direction: str, tval: str, actual: str, weight: str, core: str = "否",
                 coef: str | None = None):
        self.name, self.unit, self.dir, self.tval, self.actual = name, unit, direction, tval, actual
        self.weight = D(weight)
        self.core = core
        if coef is not None:
            self.coef = D(coef)
        elif direction == "定性":
            self.coef = D(100)
        else:
            t, a = D(tval), D(actual)
            ratio = {"≥": D(1) if a >= t else a / t,
                     "≤": D(1) if (a <= t or a == 0) else t / a,
                     "=": D(1) if a == t else min(a, t) / max(a, t)}[direction]
            self.coef = q(ratio * HUNDRED)
        self.score = q(self.coef / HUNDRED * self.weight)

    def value_text(self) -> str:
        if self.dir == "定性":
            return self.tval
        return f"{self.dir}{self.tval}"

    def nature(self) -> str:
        return "定性指标" if self.dir == "定性" else "定量指标"

    def target_answer(self) -> str:
        if self.dir == "定性":
            return self.tval
        u = "" if self.unit in ("—", "") else self.unit
        return f"{self.dir}{self.tval}{u}"


def es_document(d: Doc, ov: Ov, *, dept: str, year: int, office: str, contact: str, budget: tuple[Decimal, Decimal, Decimal],
                weight: str, inds: list[EInd], goals: tuple[str, str, str], split_at: int | None = None,
                footer: str = "") -> tuple[dict, str]:
    ini, adj, act = budget
    r = rate_of(act, adj)
    es = q(min(act / adj, D(1)) * D(weight))
    assert q(min(r / HUNDRED, D(1)) * D(weight)) == es
    es_t = ov("es.score", fmt_score(es))
    rate_t = ov("es.rate", f"{r:.2f}")
    scores = []
    rows = []
    for ind in inds:
        coef = ov(f"coef.{ind.name}", fmt_score(ind.coef))
        s = ov(f"score.{ind.name}", fmt_score(ind.score))
        scores.append(num(s))
        rows.append([ind.name, ind.unit, ind.nature(), ind.value_text(), ind.value_text(), ind.actual, coef,
                     fmt_score(ind.weight), s, ind.core])
    total = ov("total", fmt_score(num(es_t) + sum(scores)))
    d.p(f"{year}年度部门整体支出绩效自评表", "")
    d.row("主管部门", dept, "财政处室", office, "自评总分（分）", total)
    d.row("部门联系人", contact, "联系电话", "0000-0000000", "", "")
    d.row("部门预算执行情况（万元）", "年初预算数", "全年（调整）预算数", "全年执行数", "执行率（%）", "执行率权重", "执行率得分（分）")
    d.row("", money(ini, True), money(adj, True), money(act, True), rate_t, weight, es_t)
    d.row("当年绩效目标", "年初绩效目标", "全年（调整）绩效目标", "全年目标实际完成情况")
    d.row("", *goals)
    head = ["指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数（%）", "指标权重（分）", "指标得分（分）", "是否核心指标"]
    d.row(*head)
    for i, row in enumerate(rows):
        if split_at is not None and i == split_at:
            d.p(footer)
            d.row(*head)
        d.row(*row)
    ans = summary(dept, year, "execution-score-form", money(ini), money(adj), money(act), r and f"{r:.2f}",
                  indicators=[{"level1": None, "level2": None, "name": i.name, "target": i.target_answer(),
                               "actual": i.actual} for i in inds],
                  self_total=total, self_max=None)
    return ans, total


COMMON_ES = [
    EInd("财政供养人员控制率", "%", "≤", "100", "96.3", "5"),
    EInd("政府采购执行率", "%", "≥", "90", "93.5", "5"),
    EInd("结转结余率", "%", "≤", "10", "4.57", "5"),
    EInd("公用经费控制率", "%", "≤", "100", "98.2", "5"),
    EInd("管理制度健全性", "—", "定性", "健全", "健全", "5"),
]
ES1_INDS = COMMON_ES + [
    EInd("老旧小区改造户数", "户", "≥", "2400", "2630", "15", core="是"),
    EInd("建筑施工安全检查次数", "次", "≥", "320", "305", "10"),
    EInd("城市燃气安全事故", "起", "=", "0", "0", "10", core="是"),
    EInd("保障性住房分配入住率", "%", "≥", "90", "86", "15", core="是"),
    EInd("施工图审查按时办结率", "%", "≥", "95", "98", "5"),
    EInd("群众满意度", "%", "≥", "90", "92.1", "10"),
]


@case("execution-score-form", "district-housing-2022",
      "重庆-style form: 执行率权重 and 执行率得分 beside the budget row; indicators scored 得分系数 × 权重",
      [Fault("execution-score-mismatch", {"es.score": "10"}, ["95.43"],
             "执行率 95.43% × 权重 10 = 9.54，执行率得分印 10（自评总分随之照加）。"),
       Fault("full-marks-despite-miss", {"coef.保障性住房分配入住率": "100", "score.保障性住房分配入住率": "15"},
             ["保障性住房分配入住率"],
             "指标值 ≥90%，完成 86%，未达成却按系数 100% 给满分 15（应为 95.56% × 15 = 14.33）。"),
       Fault("score-total-mismatch", {"total": "95.86"}, ["95.86"],
             "执行率得分与各指标得分之和为 99.53（含上面两处改动），自评总分印 95.86。")])
def es1(ov: Ov):
    d = Doc()
    ans, _ = es_document(d, ov, dept="某区住房和城乡建设委员会", year=2022, office="经济建设科", contact="李某",
                         budget=(D("4286.50"), D("4612.80"), D("4402.17")), weight="10", inds=ES1_INDS,
                         goals=("完成老旧小区改造2400户，保障性住房分配入住率90%以上。",
                                "老旧小区改造目标调增至2600户。",
                                "完成老旧小区改造2630户，保障性住房分配入住率86%。"))
    return d.text(), ans


ES2_INDS = [
    EInd("财政供养人员控制率", "%", "≤", "100", "100", "5"),
    EInd("一般性支出压减率", "%", "≥", "5", "6.2", "5"),
    EInd("结转结余率", "%", "≤", "8", "11.4", "5"),
    EInd("农村公路新改建里程", "公里", "≥", "86", "88.5", "20", core="是"),
    EInd("危桥改造座数", "座", "≥", "12", "12", "15", core="是"),
    EInd("公路养护优良路率", "%", "≥", "80", "82.6", "10"),
    EInd("客运班线通达率", "%", "=", "100", "100", "10"),
    EInd("群众出行满意度", "%", "≥", "85", "88", "15"),
]


@case("execution-score-form", "county-transport-2023",
      "execution-score form with 执行率权重 15 and an execution rate under 90%",
      [Fault("execution-score-mismatch", {"es.score": "14.5"}, ["14.5"],
             "执行率 88.60% × 权重 15 = 13.29，执行率得分印 14.5（自评总分随之照加）。"),
       Fault("score-above-weight", {"coef.危桥改造座数": "120", "score.危桥改造座数": "18"}, ["危桥改造座数", "18"],
             "权重 15，得分系数印 120%、得分 18，超过权重。"),
       Fault("score-total-mismatch", {"total": "98.2"}, ["98.2"],
             "各项得分之和为 101.01（含上面两处改动），自评总分印 98.2。")])
def es2(ov: Ov):
    d = Doc()
    ans, _ = es_document(d, ov, dept="某县交通运输局", year=2023, office="经济建设股", contact="孙某",
                         budget=(D("6120.00"), D("7004.70"), D("6206.16")), weight="15", inds=ES2_INDS,
                         goals=("新改建农村公路86公里，改造危桥12座。", "同年初目标。", "新改建农村公路88.5公里，改造危桥12座。"))
    return d.text(), ans


ES3_INDS = [
    EInd("财政供养人员控制率", "%", "≤", "100", "94.7", "5"),
    EInd("“三公”经费控制率", "%", "≤", "100", "87.3", "5"),
    EInd("公用经费控制率", "%", "≤", "100", "101.6", "5"),
    EInd("统计调查项目完成数", "项", "≥", "26", "26", "20", core="是"),
    EInd("统计数据差错率", "%", "≤", "0.5", "0.8", "15", core="是"),
    EInd("统计年鉴按期出版", "—", "定性", "按期出版", "按期出版", "10"),
    EInd("统计执法检查企业数", "家", "≥", "150", "162", "15"),
    EInd("数据使用部门满意度", "%", "≥", "90", "94", "15"),
]


@case("execution-score-form", "city-statistics-2020",
      "execution-score form whose indicator table breaks across a page: footer line, then the header repeated",
      [Fault("full-marks-despite-miss", {"coef.统计数据差错率": "100", "score.统计数据差错率": "15"}, ["统计数据差错率"],
             "指标值 ≤0.5%，完成 0.8%，未达成却给满分 15（应为 62.5% × 15 = 9.38）；自评总分随之照加。"),
       Fault("score-above-weight", {"coef.统计执法检查企业数": "108", "score.统计执法检查企业数": "16.2"},
             ["统计执法检查企业数", "16.2"],
             "权重 15，按 162/150 给系数 108%、得分 16.2，超过权重。")])
def es3(ov: Ov):
    d = Doc()
    ans, _ = es_document(d, ov, dept="某市统计局", year=2020, office="行政政法科", contact="周某",
                         budget=(D("1862.40"), D("1935.20"), D("1904.63")), weight="10", inds=ES3_INDS,
                         goals=("完成国家和省市统计调查任务，提高统计数据质量。", "同年初目标。",
                                "26项统计调查全部完成，统计年鉴按期出版，数据差错率0.8%。"),
                         split_at=4, footer="— 2 —")
    return d.text(), ans


# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# weighted-section-form — weights inside the names: 预算执行（30）/ 产出指标(40分) / 效益指标（30分）
# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────

def ws_table(d: Doc, ov: Ov, sections: list[tuple[str, str, list[Ind]]], *, l2_weights: dict[str, str] | None = None,
             split_at: int | None = None, split_lines: list[str] | None = None) -> tuple[str, list[dict]]:
    """一级 | 二级 | 三级 | 分值 | 指标值 | 实际完成值 | 得分; section weights printed inside the level-1 names."""
    head = ["一级指标", "二级指标", "三级指标", "分值", "指标值", "实际完成值", "得分"]
    d.row(*head)
    scores = []
    answers = []
    n = 0
    for l1, w, inds in sections:
        assert sum(i.weight for i in inds) == D("".join(ch for ch in w if ch.isdigit() or ch == ".")), (l1, w)
        last2 = None
        for j, ind in enumerate(inds):
            if split_at is not None and n == split_at:
                d.p(*(split_lines or []))
                d.row(*head)
                j, last2 = 0, None  # merged cells print again on the new page
            c1 = f"{l1}{w}" if j == 0 else ""
            l2 = ind.l2 if not l2_weights or ind.l2 not in l2_weights else f"{ind.l2}{l2_weights[ind.l2]}"
            c2 = l2 if ind.l2 != last2 else ""
            last2 = ind.l2
            s = ov(f"score.{ind.name}", fmt_score(ind.score))
            scores.append(num(s))
            d.row(c1, c2, ind.name, fmt_score(ind.weight), ind.target(), ind.actual_text(), s)
            answers.append(answer_indicator(ind, ind.target(), ind.actual_text(), l1=ind.l1))
            n += 1
    total = ov("total", fmt_score(sum(scores)))
    d.row("合计", "", "", "100", "", "", total)
    return total, answers


def _strip_weight(name: str) -> str:
    import re
    return re.sub(r"[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$", "", name)


def ws_sections(spec: list[tuple[str, list[Ind]]]) -> list[tuple[str, str, list[Ind]]]:
    """("预算执行（30）", inds) → (name without weight, printed weight, inds); each Ind's l1 is the bare name."""
    out = []
    for printed, inds in spec:
        bare = _strip_weight(printed)
        for i in inds:
            i.l1 = bare
        out.append((bare, printed[len(bare):], inds))
    return out


def ws_head(d: Doc, ov: Ov, dept: str, year: int, ini: Decimal, adj: Decimal, act: Decimal, *, adjustment: bool = False,
            unit_label: str = "（万元）") -> tuple[str, str | None]:
    r = ov("head.rate", pct(act, adj))
    d.row("部门名称", dept, "评价年度", f"{year}年")
    cells = [f"年初预算数{unit_label}", money(ini, True), f"调整后预算数{unit_label}", money(adj, True),
             f"实际支出数{unit_label}", money(act, True), "预算执行率", r]
    adj_t = None
    if adjustment:
        adj_t = ov("head.adjustment", pct(adj - ini, ini))
        cells += ["预算调整率", adj_t]
    d.row(*cells)
    return r, adj_t


WS1 = ws_sections([
    ("预算执行（30）", [
        Ind("", "预算完成", "预算执行率", "≥", "95", "%", "96.02", "10"),
        Ind("", "预算完成", "资金使用合规性", "定性", "合规", "", "合规", "5", score="5"),
        Ind("", "结转结余", "结转结余率", "≤", "5", "%", "3.98", "5"),
        Ind("", "公用经费", "公用经费控制率", "≤", "100", "%", "97.6", "5"),
        Ind("", "政府采购", "政府采购执行率", "≥", "90", "%", "94.2", "5"),
    ]),
    ("产出指标(40分)", [
        Ind("", "数量指标", "法律援助案件办结数", "≥", "1800", "件", "1856", "10"),
        Ind("", "数量指标", "人民调解案件调处数", "≥", "5200", "件", "5032", "10", reason="矛盾纠纷总量下降"),
        Ind("", "质量指标", "社区矫正对象再犯罪率", "≤", "0.2", "%", "0.1", "10"),
        Ind("", "时效指标", "行政复议案件按期办结率", "=", "100", "%", "100", "10"),
    ]),
    ("效益指标（30分）", [
        Ind("", "社会效益", "公共法律服务覆盖率", "≥", "95", "%", "97", "15"),
        Ind("", "满意度", "群众满意度", "≥", "90", "%", "91.8", "15"),
    ]),
])


@case("weighted-section-form", "city-justice-2022",
      "湖南-style score sheet: section weights inside the level-1 names, budget figures in a head block",
      [Fault("full-marks-despite-miss", {"score.人民调解案件调处数": "10"}, ["人民调解案件调处数"],
             "指标值 ≥5200件，实际 5032件，未达成却给满分 10（应为 9.68）；合计随之照加。"),
       Fault("score-total-mismatch", {"total": "98.5"}, ["98.5"],
             "各项得分之和为 100（含上一处改动），合计印 98.5。"),
       Fault("rate-mismatch", {"head.rate": "97.02%"}, ["97.02"],
             "预算执行率 = 3,712.50 ÷ 3,866.40 = 96.02%，表头印 97.02%。")])
def ws1(ov: Ov):
    d = Doc()
    dept = "某市司法局"
    ini, adj, act = D("3520.00"), D("3866.40"), D("3712.50")
    d.p(f"{dept}2022年度部门整体支出绩效自评表", "")
    rate, _ = ws_head(d, ov, dept, 2022, ini, adj, act)
    total, inds = ws_table(d, ov, WS1)
    d.blank()
    d.p("自评结论：总体完成年度绩效目标，评价等级为“优”。")
    return d.text(), summary(dept, 2022, "weighted-section-form", "3520.00", "3866.40", "3712.50", rate.rstrip("%"),
                             indicators=inds, self_total=total, self_max="100")


WS2 = ws_sections([
    ("预算执行（25）", [
        Ind("", "预算执行", "预算执行率", "≥", "90", "%", "93.41", "10"),
        Ind("", "预算执行", "预算调整率", "≤", "15", "%", "12.35", "5"),
        Ind("", "资金管理", "结转结余率", "≤", "5", "%", "2.1", "5"),
        Ind("", "资金管理", "“三公”经费控制率", "≤", "100", "%", "82.4", "5"),
    ]),
    ("产出指标（45分）", [
        Ind("", "数量指标", "人工造林面积", "≥", "6000", "亩", "6150", "10"),
        Ind("", "数量指标", "森林抚育面积", "≥", "12000", "亩", "12400", "10"),
        Ind("", "数量指标", "林业有害生物防治面积", "≥", "3.5", "万亩", "3.6", "10"),
        Ind("", "质量指标", "造林成活率", "≥", "85", "%", "88", "10"),
        Ind("", "时效指标", "森林火灾受害率", "≤", "0.9", "‰", "1.2", "5", reason="春季发生一起较大林火"),
    ]),
    ("效益指标（30分）", [
        Ind("", "生态效益", "森林覆盖率", "≥", "62", "%", "62.4", "15"),
        Ind("", "社会效益", "护林员就业人数", "≥", "180", "人", "186", "5"),
        Ind("", "满意度", "林农满意度", "≥", "90", "%", "92", "10"),
    ]),
])


@case("weighted-section-form", "county-forestry-2021",
      "weights inside the names with full-width brackets; the head block prints 预算执行率 and 预算调整率",
      [Fault("score-above-weight", {"score.人工造林面积": "12"}, ["人工造林面积", "12"],
             "分值 10，得分印 12（合计随之照加）。"),
       Fault("full-marks-despite-miss", {"score.森林火灾受害率": "5"}, ["森林火灾受害率"],
             "指标值 ≤0.9‰，实际 1.2‰，未达成却给满分 5（应为 3.75）；合计随之照加。"),
       Fault("score-total-mismatch", {"total": "96"}, ["96"],
             "各项得分之和为 102（含上面两处改动），合计印 96。")])
def ws2(ov: Ov):
    d = Doc()
    dept = "某县林业局"
    ini, adj, act = D("2680.00"), D("3011.00"), D("2812.62")
    d.p("部门整体支出绩效自评表", "（2021年度）", "")
    rate, adj_t = ws_head(d, ov, dept, 2021, ini, adj, act, adjustment=True)
    total, inds = ws_table(d, ov, WS2)
    return d.text(), summary(dept, 2021, "weighted-section-form", "2680.00", "3011.00", "2812.62", rate.rstrip("%"),
                             adj_t.rstrip("%") if adj_t else None, indicators=inds, self_total=total, self_max="100")


WS3 = ws_sections([
    ("预算执行（20）", [
        Ind("", "预算执行", "预算执行率", "≥", "95", "%", "97.8", "10"),
        Ind("", "预算执行", "结转结余率", "≤", "5", "%", "2.2", "5"),
        Ind("", "预算管理", "预决算信息公开", "定性", "按时公开", "", "按时公开", "5", score="5"),
    ]),
    ("产出指标(50分)", [
        Ind("", "数量指标", "优抚对象抚恤补助发放人数", "≥", "1350", "人", "1362", "15"),
        Ind("", "数量指标", "退役士兵技能培训人数", "≥", "120", "人", "104", "10", reason="部分人员自主就业未参训"),
        Ind("", "质量指标", "抚恤补助发放准确率", "=", "100", "%", "100", "10"),
        Ind("", "时效指标", "抚恤补助按时发放率", "=", "100", "%", "100", "15"),
    ]),
    ("效益指标(30分)", [
        Ind("", "社会效益指标", "退役士兵就业率", "≥", "85", "%", "89", "15"),
        Ind("", "可持续影响指标", "服务保障体系覆盖率", "≥", "95", "%", "100", "5"),
        Ind("", "服务对象满意度指标", "优抚对象满意度", "≥", "90", "%", "96", "10"),
    ]),
])


@case("weighted-section-form", "banner-veterans-2024",
      "weights inside level-1 and level-2 names; the indicator table breaks across a page with footer and header "
      "repeated",
      [Fault("full-marks-despite-miss", {"score.退役士兵技能培训人数": "10"}, ["退役士兵技能培训人数"],
             "指标值 ≥120人，实际 104人，未达成却给满分 10（应为 8.67）；合计随之照加。"),
       Fault("score-total-mismatch", {"total": "97.5"}, ["97.5"],
             "各项得分之和为 100（含上一处改动），合计印 97.5。"),
       Fault("rate-mismatch", {"head.rate": "98.70%"}, ["98.7"],
             "预算执行率 = 1,172.64 ÷ 1,199.02 = 97.80%，表头印 98.70%。")])
def ws3(ov: Ov):
    d = Doc()
    dept = "某旗退役军人事务局"
    ini, adj, act = D("1086.50"), D("1199.02"), D("1172.64")
    d.p(f"{dept}2024年度部门整体支出绩效自评表", "")
    rate, _ = ws_head(d, ov, dept, 2024, ini, adj, act)
    l2w = {"数量指标": "（25分）", "质量指标": "（10分）", "时效指标": "（15分）"}
    total, inds = ws_table(d, ov, WS3, l2_weights=l2w, split_at=5, split_lines=["", "— 2 —", ""])
    return d.text(), summary(dept, 2024, "weighted-section-form", "1086.50", "1199.02", "1172.64", rate.rstrip("%"),
                             indicators=inds, self_total=total, self_max="100")


# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# system-export — 预算管理一体化 exports: 指标方向 | 指标值 | 度量单位
# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────

def se_document(d: Doc, ov: Ov, *, dept: str, year: int, code: str, sources: list[tuple[str, Decimal, Decimal, Decimal]],
                inds: list[Ind], goal: tuple[str, str], exported: str, page_break_at: int | None = None,
                pages: int = 2, sep: bool = True) -> dict:
    d.p("预算管理一体化系统", "部门整体支出绩效自评表", f"导出时间：{exported}    第 1 页 共 {pages} 页", "单位：万元", "")
    d.row("部门名称", f"{code}-{dept}" if code else dept, "评价年度", str(year))
    d.row("资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分")
    tot = tuple(sum((s[i] for s in sources), D(0)) for i in (1, 2, 3))
    r = rate_of(tot[2], tot[1])
    es = q(min(tot[2] / tot[1], D(1)) * 10)
    assert q(min(r / HUNDRED, D(1)) * 10) == es
    rate_t = ov("fund.rate", f"{r:.2f}%")
    score_t = ov("fund.score", fmt_score(es))
    d.row("合计", ov("fund.initial", money(tot[0], sep)), money(tot[1], sep), money(tot[2], sep), rate_t, "10", score_t)
    for name, ini, adj, act in sources:
        d.row(name, money(ini, sep), money(adj, sep), money(act, sep), ov(f"fund.{name}.rate", pct(act, adj)), "—", "—")
    d.row("年度总体目标", "", "", "全年实际完成情况", "", "", "")
    d.row(goal[0], "", "", goal[1], "", "", "")
    head = ["一级指标", "二级指标", "三级指标", "指标方向", "指标值", "度量单位", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    d.row(*head)
    scores = []
    for i, ind in enumerate(inds):
        if page_break_at is not None and i == page_break_at:
            d.p(f"第 2 页 共 {pages} 页")
            d.row(*head)
        s = ov(f"score.{ind.name}", fmt_score(ind.score))
        scores.append(num(s))
        direction = "定性" if ind.dir == "定性" else ind.dir
        d.row(ind.l1, ind.l2, ind.name, direction, ind.tval, ind.unit if ind.dir != "定性" else "", ind.actual,
              fmt_score(ind.weight), s, ind.reason)
    total = ov("total", fmt_score(num(score_t) + sum(scores)))
    d.row("总分", "", "", "", "", "", "", "100", total, "")
    return summary(dept, year, "system-export", money(tot[0]), money(tot[1]), money(tot[2]), f"{r:.2f}",
                   indicators=[answer_indicator(i, i.target(), i.actual) for i in inds],
                   self_total=total, self_max="100")


SE1_INDS = [
    Ind("产出指标", "数量指标", "新建供水管网长度", "≥", "42", "公里", "45.3", "15", unit_in_actual=False),
    Ind("产出指标", "数量指标", "农村饮水安全巩固提升受益人口", "≥", "3.2", "万人", "3.3", "10", unit_in_actual=False),
    Ind("产出指标", "质量指标", "集中供水水质达标率", "≥", "95", "%", "96.4", "10", unit_in_actual=False),
    Ind("产出指标", "时效指标", "工程完工及时率", "≥", "90", "%", "93", "10", unit_in_actual=False),
    Ind("产出指标", "成本指标", "管网单位造价", "≤", "38", "万元/公里", "41.2", "5", unit_in_actual=False,
        reason="钢材价格上涨"),
    Ind("效益指标", "社会效益指标", "农村自来水普及率", "≥", "92", "%", "93.1", "15", unit_in_actual=False),
    Ind("效益指标", "可持续影响指标", "供水工程运行管护制度", "定性", "健全", "", "健全", "15", score="15"),
    Ind("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥", "90", "%", "94.2", "10", unit_in_actual=False),
]


@case("system-export", "county-water-2023",
      "一体化 export: funds by source with 分值/得分, indicator target over 指标方向 | 指标值 | 度量单位",
      [Fault("full-marks-despite-miss", {"score.管网单位造价": "5"}, ["管网单位造价"],
             "指标方向 ≤，指标值 38 万元/公里，实际 41.2，超出却给满分 5（应为 4.61）；总分随之照加。"),
       Fault("execution-score-mismatch", {"fund.score": "10"}, ["95.48"],
             "执行率 95.48% × 分值 10 = 9.55，得分印 10。"),
       Fault("score-total-mismatch", {"total": "98.8"}, ["98.8"],
             "各项得分之和为 100（含上面两处改动），总分印 98.8。")])
def se1(ov: Ov):
    d = Doc()
    ans = se_document(d, ov, dept="某县水务局", year=2023, code="",
                      sources=[("财政拨款", D("1980.00"), D("2236.40"), D("2135.03")),
                               ("其他资金", D("150.00"), D("150.00"), D("143.50"))],
                      inds=SE1_INDS, goal=("完成农村供水保障工程建设，提高农村自来水普及率。", "新建管网45.3公里，普及率93.1%。"),
                      exported="2024-03-18 09:41:07")
    return d.text(), ans


SE2_INDS = [
    Ind("产出指标", "数量指标", "举办全民健身赛事活动", "≥", "45", "场次", "48", "15", unit_in_actual=False),
    Ind("产出指标", "数量指标", "新建社区健身路径", "≥", "30", "个", "30", "10", unit_in_actual=False),
    Ind("产出指标", "质量指标", "健身设施验收合格率", "=", "100", "%", "97", "10", unit_in_actual=False,
        reason="一处设施整改后复验"),
    Ind("产出指标", "时效指标", "赛事活动按计划举办率", "≥", "95", "%", "100", "10", unit_in_actual=False),
    Ind("产出指标", "成本指标", "单场赛事平均成本", "≤", "6", "万元", "5.4", "5", unit_in_actual=False),
    Ind("效益指标", "社会效益指标", "经常参加体育锻炼人数比例", "≥", "40", "%", "41.5", "15", unit_in_actual=False),
    Ind("效益指标", "可持续影响指标", "体育场馆免费低收费开放时长", "≥", "3000", "小时", "3120", "15", unit_in_actual=False),
    Ind("满意度指标", "服务对象满意度指标", "参赛群众满意度", "≥", "90", "%", "95", "10", unit_in_actual=False),
]


@case("system-export", "district-sports-2022",
      "一体化 export with a budget code before the department name and a page line with the header repeated",
      [Fault("full-marks-despite-miss", {"score.健身设施验收合格率": "10"}, ["健身设施验收合格率"],
             "指标方向 =，指标值 100%，实际 97，未达成却给满分 10（应为 9.7）；总分随之照加。"),
       Fault("rate-mismatch", {"fund.财政拨款.rate": "98.96%"}, ["98.96"],
             "财政拨款 执行 812.36 ÷ 全年 836.00 = 97.17%，印 98.96%。"),
       Fault("parts-sum", {"fund.initial": "938.00"}, ["938"],
             "合计 年初预算数印 938.00，财政拨款 + 其他资金 = 898.00。")])
def se2(ov: Ov):
    d = Doc()
    ans = se_document(d, ov, dept="某区体育局", year=2022, code="117001",
                      sources=[("财政拨款", D("820.00"), D("836.00"), D("812.36")),
                               ("其他资金", D("78.00"), D("78.00"), D("70.20"))],
                      inds=SE2_INDS, goal=("广泛开展全民健身活动，完善社区健身设施。", "举办赛事48场次，新建健身路径30个。"),
                      exported="2023-04-06 15:02:44", page_break_at=5, sep=False)
    return d.text(), ans


SE3_INDS = [
    Ind("产出指标", "数量指标", "民族团结进步示范创建单位", "≥", "24", "个", "26", "15", unit_in_actual=False),
    Ind("产出指标", "数量指标", "少数民族特色村寨保护", "≥", "8", "个", "8", "10", unit_in_actual=False),
    Ind("产出指标", "质量指标", "宗教活动场所安全检查覆盖率", "=", "100", "%", "100", "15", unit_in_actual=False),
    Ind("产出指标", "时效指标", "补助资金下达及时率", "≥", "95", "%", "91", "10", unit_in_actual=False,
        reason="两批资金待项目验收后下达"),
    Ind("效益指标", "社会效益指标", "民族团结宣传覆盖人次", "≥", "12", "万人次", "13.6", "20", unit_in_actual=False),
    Ind("效益指标", "可持续影响指标", "特色村寨长效管护机制", "定性", "建立", "", "已建立", "10", score="9"),
    Ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "93", "10", unit_in_actual=False),
]


@case("system-export", "prefecture-ethnic-affairs-2024",
      "一体化 export with thousands separators and a qualitative indicator (指标方向 定性)",
      [Fault("score-above-weight", {"score.民族团结宣传覆盖人次": "24"}, ["民族团结宣传覆盖人次", "24"],
             "分值 20，得分印 24（总分随之照加）。"),
       Fault("execution-score-mismatch", {"fund.score": "9.9"}, ["9.9"],
             "执行率 96.51% × 分值 10 = 9.65，得分印 9.9（总分随之照加）。"),
       Fault("full-marks-despite-miss", {"score.补助资金下达及时率": "10"}, ["补助资金下达及时率"],
             "指标方向 ≥，指标值 95%，实际 91，未达成却给满分 10（应为 9.58）；总分随之照加。")])
def se3(ov: Ov):
    d = Doc()
    ans = se_document(d, ov, dept="某州民族宗教事务委员会", year=2024, code="",
                      sources=[("财政拨款", D("1420.00"), D("1506.80"), D("1454.52")),
                               ("上年结转", D("86.50"), D("86.50"), D("83.20"))],
                      inds=SE3_INDS, goal=("推进民族团结进步创建，保护少数民族特色村寨。", "创建示范单位26个，保护特色村寨8个。"),
                      exported="2025-02-27 11:15:30")
    return d.text(), ans


# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# prose-report — 一、部门概况 … 五、自评结论: figures in sentences and small tables
# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────

def exec_table(d: Doc, ov: Ov, first: str, rows: list[tuple[str, Decimal, Decimal, Decimal]], *, key: str,
               total: bool = True, footer_at: int | None = None, footer: str = "") -> list[dict]:
    """名称 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率, optionally a 合计 row; returns the rows as projects."""
    d.row(first, "年初预算数", "全年预算数", "全年执行数", "执行率")
    out = []
    for i, (name, ini, adj, act) in enumerate(rows):
        if footer_at is not None and i == footer_at:
            d.p(footer)
        rt = ov(f"{key}.{name}.rate", pct(act, adj))
        d.row(name, ov(f"{key}.{name}.initial", money(ini, True)), money(adj, True), money(act, True), rt)
        out.append({"name": name, "initial": money(ini), "adjusted": money(adj), "actual": money(act),
                    "printedRate": rt.rstrip("%")})
    if total:
        t = [sum((r[i] for r in rows), D(0)) for i in (1, 2, 3)]
        d.row("合计", ov(f"{key}.total.initial", money(t[0], True)), money(t[1], True), money(t[2], True),
              ov(f"{key}.total.rate", pct(t[2], t[1])))
    return out


@case("prose-report", "county-natural-resources-2022",
      "prose report on the 一、部门概况 … 五、自评结论 outline; budget in sentences and in a small 表1, projects in 表2",
      [Fault("text-table-conflict", {"text.project": "1,528.22"}, ["1528.22"],
             "正文写项目支出 1,528.22 万元，表1 项目支出 全年执行数 1,582.22 万元。"),
       Fault("rate-mismatch", {"text.rate": "96.12%"}, ["96.12"],
             "正文预算执行率印 96.12%，2,968.42 ÷ 3,120.85 = 95.12%。"),
       Fault("parts-sum", {"t1.total.initial": "2,864.30", "text.initial": "2,864.30"}, ["2864.3"],
             "表1 合计 年初预算数印 2,864.30（正文同印），基本支出 1,362.50 + 项目支出 1,483.80 = 2,846.30。")])
def pr1(ov: Ov):
    d = Doc()
    dept = "某县自然资源局"
    basic = (D("1362.50"), D("1402.35"), D("1386.20"))
    proj = (D("1483.80"), D("1718.50"), D("1582.22"))
    tot = tuple(a + b for a, b in zip(basic, proj))
    rate = ov("text.rate", pct(tot[2], tot[1]))
    d.p(f"{dept}2022年度部门整体支出绩效自评报告", "")
    d.p("一、部门概况", "（一）部门职能",
        "本局负责全县自然资源调查监测评价、国土空间规划、耕地保护、不动产登记和地质灾害防治等工作。",
        "（二）机构和人员",
        "本局内设机构8个，下属事业单位2个，核定编制56名，年末实有在编人员52名。", "")
    d.p("二、部门整体支出管理及使用情况", "（一）收入情况",
        f"2022年年初预算{ov('text.initial', money(tot[0], True))}万元，全年预算{money(tot[1], True)}万元，其中一般公共预算"
        f"{money(tot[1] - D('70.00'), True)}万元，政府性基金70.00万元。",
        "（二）支出情况",
        f"2022年实际支出{money(tot[2], True)}万元，预算执行率{rate}。其中：基本支出{money(basic[2], True)}万元，"
        f"项目支出{ov('text.project', money(proj[2], True))}万元。",
        "表1 部门预算执行情况（单位：万元）")
    exec_table(d, ov, "项目", [("基本支出", *basic), ("项目支出", *proj)], key="t1")
    d.p("（三）项目支出情况", "表2 主要项目支出情况（单位：万元）")
    projects = exec_table(d, ov, "项目名称", [
        ("耕地保护补偿资金", D("620.00"), D("680.00"), D("672.30")),
        ("不动产登记信息平台运维", D("180.00"), D("180.00"), D("165.40")),
        ("地质灾害防治", D("245.00"), D("312.50"), D("268.75")),
        ("国土空间规划编制", D("210.00"), D("260.00"), D("238.60"))], key="t2", total=False)
    d.blank()
    d.p("三、部门整体支出绩效情况",
        "全年完成耕地保护补偿发放，不动产登记平均办理时限压缩至3个工作日，完成地质灾害隐患点巡查412处，"
        "国土空间总体规划通过审查。", "")
    d.p("四、存在的问题", "一是部分项目前期工作不充分，执行进度偏慢；二是绩效目标设置不够细化，个别指标难以量化。", "")
    d.p("五、自评结论", "综合评价，本部门2022年度整体支出绩效自评得分92.5分，评价等级为“优”。")
    return d.text(), summary(dept, 2022, "prose-report", money(tot[0]), money(tot[1]), money(tot[2]), rate.rstrip("%"),
                             projects=projects, self_total="92.5", self_max=None)


PR2_INDS = [
    Ind("产出指标", "数量指标", "空气质量自动监测站运维数量", "≥", "12", "个", "12", "0"),
    Ind("产出指标", "数量指标", "重点排污单位执法检查", "≥", "260", "家次", "284", "0"),
    Ind("产出指标", "质量指标", "监测数据有效率", "≥", "90", "%", "96.5", "0"),
    Ind("效益指标", "生态效益指标", "空气质量优良天数比例", "≥", "85", "%", "87.9", "0"),
    Ind("效益指标", "生态效益指标", "地表水国控断面达标率", "=", "100", "%", "100", "0"),
    Ind("满意度指标", "服务对象满意度指标", "公众生态环境满意度", "≥", "85", "%", "89.2", "0"),
]


@case("prose-report", "city-ecology-environment-2023",
      "prose report with an indicator table (page footer inside it), an expenditure table and a score table",
      [Fault("text-table-conflict", {"text.basic": "2,516.40"}, ["2516.4"],
             "正文写基本支出 2,516.40 万元，表1 基本支出 全年执行数 2,561.40 万元。"),
       Fault("rate-mismatch", {"t2.机动车尾气遥感监测.rate": "95.00%"}, ["95.00"],
             "机动车尾气遥感监测 执行 172.80 ÷ 全年 192.00 = 90.00%，印 95.00%。"),
       Fault("score-total-mismatch", {"score.total": "94.5"}, ["94.5"],
             "评分表各项之和为 91.5，合计印 94.5。")])
def pr2(ov: Ov):
    d = Doc()
    dept = "某市生态环境局"
    basic = (D("2480.00"), D("2598.60"), D("2561.40"))
    proj = (D("4120.00"), D("4655.30"), D("4402.18"))
    tot = tuple(a + b for a, b in zip(basic, proj))
    d.p("2023年度部门整体支出绩效自评报告", f"{dept}", "")
    d.p("一、部门概况",
        "本局负责全市生态环境监督管理、污染防治、生态环境监测和执法等工作，内设科室11个，下属单位3个。", "")
    d.p("二、部门整体支出管理及使用情况",
        f"2023年度年初预算{money(tot[0], True)}万元，调整后预算{money(tot[1], True)}万元，实际支出{money(tot[2], True)}万元，"
        f"预算执行率{pct(tot[2], tot[1])}。其中基本支出{ov('text.basic', money(basic[2], True))}万元，主要用于人员经费和日常公用经费；"
        f"项目支出{money(proj[2], True)}万元。",
        "表1 支出执行情况（单位：万元）")
    exec_table(d, ov, "类别", [("基本支出", *basic), ("项目支出", *proj)], key="t1")
    d.p("表2 重点项目支出情况（单位：万元）")
    projects = exec_table(d, ov, "项目名称", [
        ("大气污染防治专项", D("1650.00"), D("1880.00"), D("1803.40")),
        ("水污染防治专项", D("1230.00"), D("1365.30"), D("1292.68")),
        ("机动车尾气遥感监测", D("180.00"), D("192.00"), D("172.80")),
        ("环境监测能力建设", D("520.00"), D("568.00"), D("549.10"))], key="t2", total=False)
    d.blank()
    d.p("三、部门整体支出绩效情况", "（一）绩效指标完成情况", "表3 绩效指标完成情况")
    d.row("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值")
    last1 = last2 = None
    for i, ind in enumerate(PR2_INDS):
        if i == 3:
            d.p("— 4 —")
        d.row(ind.l1 if ind.l1 != last1 else "", ind.l2 if (ind.l2 != last2 or ind.l1 != last1) else "", ind.name,
              ind.target(), ind.actual_text())
        last1, last2 = ind.l1, ind.l2
    d.blank()
    d.p("（二）自评得分情况", "表4 自评得分")
    d.row("评价内容", "分值", "自评得分")
    items = [("部门决策", "20", "19"), ("部门管理", "30", "27.5"), ("部门绩效", "50", "45")]
    for name, w, s in items:
        d.row(name, w, s)
    total = ov("score.total", plain(sum(D(s) for _, _, s in items)))
    d.row("合计", "100", total)
    d.blank()
    d.p("四、存在的问题", "部分项目资金拨付进度偏慢，个别绩效指标设置偏低。", "")
    d.p("五、改进措施", "加快项目前期工作，科学设置绩效目标，加强绩效运行监控。", "")
    d.p("六、自评结论", f"本局2023年度部门整体支出绩效自评得分{total}分，等级为“优”。")
    return d.text(), summary(dept, 2023, "prose-report", money(tot[0]), money(tot[1]), money(tot[2]),
                             pct(tot[2], tot[1]).rstrip("%"), indicators=pf_answer_inds(PR2_INDS), projects=projects,
                             self_total=total, self_max="100")


@case("prose-report", "district-health-2019",
      "prose report whose budget figures are only in sentences; a project table with a 合计 row",
      [Fault("rate-mismatch", {"t2.家庭医生签约服务.rate": "89.50%"}, ["89.50"],
             "家庭医生签约服务 执行 232.20 ÷ 全年 258.00 = 90.00%，印 89.50%。"),
       Fault("text-table-conflict", {"text.project": "1,016.39"}, ["1016.39"],
             "正文写项目支出 1,016.39 万元，项目表合计 全年执行数 1,061.39 万元。"),
       Fault("parts-sum", {"t2.total.initial": "1,090.00"}, ["1090"],
             "项目表 合计 年初预算数印 1,090.00，各行之和为 1,050.00。")])
def pr3(ov: Ov):
    d = Doc()
    dept = "某区卫生健康局"
    rows = [("基本公共卫生服务", D("420.00"), D("446.00"), D("437.08")),
            ("家庭医生签约服务", D("240.00"), D("258.00"), D("232.20")),
            ("妇幼健康项目", D("210.00"), D("226.50"), D("219.71")),
            ("卫生应急物资储备", D("180.00"), D("180.00"), D("172.40"))]
    proj = tuple(sum((r[i] for r in rows), D(0)) for i in (1, 2, 3))
    basic = (D("2016.30"), D("2098.70"), D("2080.55"))
    tot = tuple(a + b for a, b in zip(basic, proj))
    d.p(f"{dept}2019年度部门整体支出绩效自评报告", "")
    d.p("一、部门概况", "本局负责全区卫生健康事业发展规划、疾病预防控制、基层卫生、妇幼健康和卫生应急等工作。", "")
    d.p("二、部门整体支出管理及使用情况",
        f"2019年部门年初预算{money(tot[0], True)}万元，全年预算{money(tot[1], True)}万元，全年执行{money(tot[2], True)}万元，"
        f"预算执行率{pct(tot[2], tot[1])}。其中基本支出执行{money(basic[2], True)}万元；"
        f"项目支出执行{ov('text.project', money(proj[2], True))}万元，各项目执行情况见下表。",
        "项目支出执行情况表（单位：万元）")
    projects = exec_table(d, ov, "项目名称", rows, key="t2")
    d.blank()
    d.p("三、部门整体支出绩效情况",
        "全年建立居民电子健康档案38.6万份，家庭医生签约服务重点人群签约率达72%，孕产妇系统管理率95.3%。", "")
    d.p("四、存在的问题", "家庭医生签约服务资金拨付滞后，部分基层机构人员不足。", "")
    d.p("五、自评结论", "经自评，本部门2019年度整体支出绩效综合得分为90.6分（满分100分），评价等级为“优”。")
    return d.text(), summary(dept, 2019, "prose-report", money(tot[0]), money(tot[1]), money(tot[2]),
                             pct(tot[2], tot[1]).rstrip("%"), projects=projects, self_total="90.6", self_max="100")


# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# gz-form in another province's words; framework-report (财预〔2013〕53号 framework) from another province
# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────

def gz_document(d: Doc, ov: Ov, *, dept: str, year: int, ini: Decimal, adj: Decimal, act: Decimal, words: dict,
                tasks: list[tuple[str, str, str, list[tuple[str, str]], str]], key_project: tuple[str, Decimal, Decimal],
                problems: str, measures: str, style=lambda s: s) -> dict:
    comp = ov("rate.completion", pct(act, adj))
    adjr = ov("rate.adjustment", pct(abs(ini - adj), ini))
    d.p("部门整体支出绩效自评表", "", "单位：万元", "")
    d.row(words["name"], dept, "", words["year"], f"{year}年")
    d.row("部门资金情况", "部门调整预算收入", style(money(adj)), "部门年初预算收入", style(money(ini)))
    d.row("", "实际支出数", style(money(act)), words["adjusted"], style(money(adj)))
    d.row("", "其中：一般公共预算", style(money(act)), "", "")
    d.row("", "预算完成率", comp, "预算调整率", adjr)
    d.row("年度目标", "部门整体支出的预期目标", "", "部门整体支出的目标完成情况", "")
    d.row("", GOAL, "", DONE, "")
    d.row("主要任务", "预期目标", "目标完成情况", "关键指标", "指标完成情况", words["amount"])
    answer_tasks = []
    for name, goal, done, inds, amount in tasks:
        first = inds[0]
        d.row(name, goal, done, first[0], first[1], style(amount))
        for k, a in inds[1:]:
            d.row("", "", "", k, a, "")
        answer_tasks.append({"name": name, "amount": amount, "indicators": [{"name": k, "actual": a} for k, a in inds]})
    pname, padj, pact = key_project
    prate = ov("rate.project", pct(pact, padj))
    d.row("重点项目绩效情况", f"“{pname}”绩效情况：全年预算数{money(padj)}万元，执行数{money(pact)}万元，完成预算的{prate}。"
          "项目按计划实施，主要绩效目标基本完成。")
    d.row("部门整体绩效", f"{year}年部门整体支出绩效目标基本完成，实际支出率{pct(act, adj)}。")
    d.row("存在问题", problems)
    d.row("改进措施或下一步计划", measures)
    d.row("注", "一级预算部门应汇总下属单位情况后填报。")
    return summary(dept, year, "gz-form", money(ini), money(adj), money(act), comp.rstrip("%"), adjr.rstrip("%"),
                   tasks=answer_tasks,
                   projects=[{"name": pname, "initial": None, "adjusted": money(padj), "actual": money(pact),
                              "printedRate": prate.rstrip("%")}])


@case("gz-form", "county-emergency-2023",
      "the Guangzhou form family in another province's words (评价年度, 全年预算数, named tasks, 任务涉及资金)",
      [Fault("rate-mismatch", {"rate.completion": "96.05%"}, ["96.05"],
             "预算完成率 = 1,502.33 ÷ 1,580.60 = 95.05%，印 96.05%。"),
       Fault("rate-mismatch", {"rate.adjustment": "12.31%"}, ["12.31"],
             "预算调整率 = |1,420.00 − 1,580.60| ÷ 1,420.00 = 11.31%（另一口径 10.16%），印 12.31%。"),
       Fault("rate-mismatch", {"rate.project": "98.30%"}, ["98.30"],
             "防汛物资储备项目 230.12 ÷ 236.50 = 97.30%，印 98.30%。")])
def gz1(ov: Ov):
    d = Doc()
    ans = gz_document(d, ov, dept="某县应急管理局", year=2023, ini=D("1420.00"), adj=D("1580.60"), act=D("1502.33"),
                      words={"name": "部门名称", "year": "评价年度", "adjusted": "全年预算数", "amount": "任务涉及资金"},
                      tasks=[("防汛抗旱能力建设", "完善防汛物资储备，汛期不发生人员伤亡。", "储备物资全部到位，汛期无人员伤亡。",
                              [("防汛物资储备完成率", "100%"), ("汛期人员伤亡数", "0")], "236.50"),
                             ("安全生产监管执法", "开展安全生产执法检查，督促隐患整改。", "全年检查企业1260家次，隐患整改率98.6%。",
                              [("执法检查企业", "1260家次"), ("隐患整改率", "98.6%")], "318.20"),
                             ("应急救援队伍建设", "组建乡镇应急救援队伍，开展培训演练。", "组建乡镇应急救援队12支。",
                              [("组建乡镇应急救援队", "12支")], "142.80")],
                      key_project=("防汛物资储备项目", D("236.50"), D("230.12")),
                      problems="部分乡镇应急救援队伍装备不足，培训覆盖面有待提高。",
                      measures="加大装备投入，建立常态化培训机制。")
    return d.text(), ans


@case("gz-form", "city-urban-management-2021",
      "the Guangzhou form family: 年度预算调整数 wording, tasks 任务一…; amounts split after the decimal point (8920. 47)",
      [Fault("rate-mismatch", {"rate.completion": "98.64%"}, ["98.64"],
             "预算完成率 = 8,920.47 ÷ 9,234.60 = 96.60%，印 98.64%。"),
       Fault("rate-mismatch", {"rate.project": "100%"}, ["生活垃圾分类", "100"],
             "生活垃圾分类收运项目 1,180.36 ÷ 1,250.00 = 94.43%，印“完成预算的100%”。")])
def gz2(ov: Ov):
    d = Doc()
    ans = gz_document(d, ov, dept="某市城市管理局", year=2021, ini=D("9860.00"), adj=D("9234.60"), act=D("8920.47"),
                      words={"name": "部门名称（汇总）", "year": "被评价年度", "adjusted": "年度预算调整数", "amount": "任务涉及金额"},
                      tasks=[("任务一", "推进生活垃圾分类，提高资源化利用率。", "垃圾分类覆盖全部街道。",
                              [("生活垃圾回收利用率", "38.2%"), ("分类覆盖街道数", "14个")], "1250.00"),
                             ("任务二", "加强市容环境整治。", "整治背街小巷126条。",
                              [("背街小巷整治", "126条")], "860.40"),
                             ("任务三", "保障城市照明设施完好。", "亮灯率99.2%。",
                              [("城市道路亮灯率", "99.2%"), ("照明设施故障修复及时率", "100%")], "432.75")],
                      key_project=("生活垃圾分类收运项目", D("1250.00"), D("1180.36")),
                      problems="市容整治长效机制尚不健全。", measures="完善考核机制，推动精细化管理。",
                      style=lambda s: s.replace(".", ". "))  # a PDF-to-text step splits decimals: "8920. 47"
    return d.text(), ans


FW_ITEMS = [("预算编审管理", "6", "5.5"), ("预算执行管理", "7", "6.5"), ("结余结转管理", "2", "2"),
            ("预决算信息公开管理", "3", "3"), ("部门预算管理", "5", "4.5"), ("政府采购管理", "2", "2"),
            ("资产管理", "5", "5")]
FW_EFFECT = [("履职目标实现", "40", "37.5"), ("社会效益", "20", "18"), ("服务对象满意度", "10", "9.2")]


@case("framework-report", "county-audit-2021",
      "national common-indicator framework report (预算编审管理 … 资产管理 with their points) from another province",
      [Fault("rate-mismatch", {"text.rate": "96.95%"}, ["96.95"],
             "预算完成率 = 865.70 ÷ 902.15 = 95.96%，印 96.95%（两处）。"),
       Fault("score-above-weight", {"score.结余结转管理": "2.5"}, ["结余结转管理", "2.5"],
             "结余结转管理 分值 2，自评 2.5 分（总分随之照加）。"),
       Fault("score-total-mismatch", {"total": "95.2"}, ["95.2"],
             "各项自评分之和为 93.7（含上一处改动），总分印 95.2。")])
def fw1(ov: Ov):
    d = Doc()
    dept = "某县审计局"
    ini, adj, act = D("826.40"), D("902.15"), D("865.70")
    rate = ov("text.rate", pct(act, adj))
    d.p(f"{dept}2021年度部门整体支出绩效自评报告", "")
    d.p("一、部门概况", "（一）部门职能", "本局主管全县审计工作，依法对本级预算执行、财政收支和领导干部经济责任进行审计监督。",
        "（二）预算编制及执行情况",
        f"本单位2021年度年初支出预算为{money(ini)}万元，全年预算为{money(adj)}万元，完成预算数{money(act)}万元，"
        f"预算完成率为{rate}。", "")
    d.p("二、部门整体支出绩效实现情况", "（一）履职完成情况")
    scores = []
    for i, (name, w, s) in enumerate(FW_ITEMS, 1):
        s = ov(f"score.{name}", s)
        scores.append(D(s))
        extra = f"预算完成率{rate}，" if name == "预算执行管理" else ""
        d.p(f"{i}.{name}（{w}分）：{extra}按评分标准自评得{s}分。")
    d.p("（二）履职效果情况")
    for i, (name, w, s) in enumerate(FW_EFFECT, 1):
        scores.append(D(s))
        d.p(f"{i}.{name}（{w}分）：年度审计项目计划全部完成，自评得{s}分。")
    total = ov("total", plain(sum(scores)))
    d.p("", "三、问题及改进措施", "部分审计整改跟踪不够及时；下一步健全整改台账，强化结果运用。", "",
        f"四、自评结论", f"综上，本局2021年度部门整体支出绩效自评总分为{total}分（满分100分）。")
    return d.text(), summary(dept, 2021, "framework-report", money(ini), money(adj), money(act), rate.rstrip("%"),
                             self_total=total, self_max="100")


# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# writing and checking
# ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────

def build(c: Case) -> tuple[str, dict, str]:
    clean_ov = Ov()
    text, answer = c.build(clean_ov)
    overrides: dict[str, str] = {}
    for f in c.faults:
        for k, v in f.set.items():
            assert k not in overrides, f"{c.name}: {k} planted twice"
            overrides[k] = v
    fov = Ov(overrides)
    faulty, faulty_answer = c.build(fov)
    if fov.unused():
        sys.exit(f"{c.layout}/{c.name}: overrides not printed anywhere: {sorted(fov.unused())}")
    # The twins differ only by the planted edits: every changed line carries an overridden text, no line is added
    # or removed, and every fault changed something.
    a, b = text.split("\n"), faulty.split("\n")
    if len(a) != len(b):
        sys.exit(f"{c.layout}/{c.name}: the faulted twin has {len(b)} lines, the clean one {len(a)}")
    changed = [(x, y) for x, y in zip(a, b) if x != y]
    import unicodedata
    # A total that adds up the planted item scores changes with them (it stays consistent, so it plants nothing).
    total = faulty_answer["selfScore"]["total"] if faulty_answer["selfScore"] else None
    for x, y in changed:
        cells = [unicodedata.normalize("NFKC", t) for t in y.replace("分", "\t").replace("（", "\t").split("\t")]
        if not any(v in y for v in overrides.values()) and not (total and any(t.endswith(total) for t in cells)):
            sys.exit(f"{c.layout}/{c.name}: line changed without a planted value:\n  {x}\n  {y}")
    for f in c.faults:
        for k, v in f.set.items():
            if not any(v in y for _, y in changed):
                sys.exit(f"{c.layout}/{c.name}: fault {f.rule} ({k}) changed nothing")
    if len(changed) > len(overrides) + sum(1 for f in c.faults if f.rule not in ("score-total-mismatch",)) + 2:
        sys.exit(f"{c.layout}/{c.name}: {len(changed)} lines changed for {len(overrides)} planted cells")
    return text, answer, faulty


def check_answer(c: Case, text: str, answer: dict) -> None:
    """Every figure and text of the answer occurs in the document (whitespace, separators and full-width folded)."""
    import unicodedata
    flat = unicodedata.normalize("NFKC", text).replace(",", "")
    flat = "".join(flat.split())

    def has(s: str | None, what: str) -> None:
        if s is None:
            return
        t = "".join(unicodedata.normalize("NFKC", s).replace(",", "").split())
        if t not in flat:
            sys.exit(f"{c.layout}/{c.name}: answer {what} {s!r} is not in the document")

    has(answer["department"], "department")
    if str(answer["year"]) not in flat:
        sys.exit(f"{c.layout}/{c.name}: year not in the document")
    for k, v in answer["budget"].items():
        # 万元 as printed; a 元 document prints the amount × 10 000.
        if v is not None and "".join(v.split()) not in flat:
            has(f"{D(v) * 10000:.2f}", f"budget.{k} (in 元)")
    for k, v in answer["printedRates"].items():
        has(v, f"printedRates.{k}")
    for i in answer["indicators"]:
        has(i["name"], "indicator")
        has(i["actual"], f"actual of {i['name']}")
        # A target split over direction | value | unit columns is composed; its parts are in the document.
        if i["target"] is not None and not any(w in text for w in ("指标方向", "指标性质", "计量单位")):
            has(i["target"], f"target of {i['name']}")
    for t in answer["tasks"]:
        has(t["name"], "task")
        has(t["amount"], "task amount")
        for k in t["indicators"]:
            has(k["name"], "key indicator")
            has(k["actual"], "key indicator actual")
    for p in answer["projects"]:
        for k in ("name", "initial", "adjusted", "actual", "printedRate"):
            has(p[k], f"project {k}")
    if answer["selfScore"]:
        has(answer["selfScore"]["total"], "selfScore.total")


def readme(cases: list[Case]) -> str:
    by_layout: dict[str, list[Case]] = {}
    for c in cases:
        by_layout.setdefault(c.layout, []).append(c)
    lines = [
        "# Layout corpus — invented documents in the shapes of other provinces' forms",
        "",
        "Generated by `python3 scripts/corpus/make-corpus.py` — do not edit by hand. Every department, project and figure",
        "is invented (某县…局 placeholders, made-up amounts); the shapes — section words, column headers, where a figure",
        "sits, what PDF-to-text leaves — were learned from published self-evaluations of many provinces and are described",
        "in `docs/layouts-research.md`. No text of a published document is copied.",
        "",
        "Per document `<layout>/<name>`:",
        "",
        "- `<name>.txt` — the clean document as copy-paste or PDF-to-text gives it: table cells separated by TAB, some",
        "  with page footers (`— 2 —`, `第 2 页 共 2 页`) inside tables, a table split at a page break with its header",
        "  repeated or not, full-width digits, thousands separators. Consistent by construction: every rate, score and",
        "  total is computed from its inputs by the generator (rates half-up to 2 decimals; indicator scores by",
        "  财预〔2020〕10号: met → full points, missed → points × completion, mirrored for ≤).",
        "- `<name>.answer.json` — what a reviewer reads from it, in the shape of `jixiao summary --json`",
        "  (src/core/summary.ts). The generator checks that every figure and text of the answer occurs in the document.",
        "- `<name>.faulty.txt` — its twin with 2–4 planted faults; the twins differ only in the lines holding a planted",
        "  cell (checked by the generator). A fault that changes an item score also changes the printed total with it,",
        "  so that it does not plant a second fault by the way, unless the total is itself a planted fault.",
        "- `<name>.faults.json` — `{\"findings\": [{\"rule\", \"includes\", \"why\"}]}` as in `test/fixtures/findings/`: a",
        "  planted fault is found when the audit of the faulted twin reports a finding with that rule code whose message",
        "  contains every `includes` string (compared after NFKC, without whitespace and without thousands separators).",
        "  `alsoRules` names codes that report the same fault in other words (`total-mismatch` for a table total that",
        "  `parts-sum` also names; `execution-full-marks` for an execution score raised to full marks): a finding under",
        "  one of them finds the fault too, and is not counted as a false error.",
        "",
        "The DOCX and PDF versions are not stored: `scripts/corpus/documents.ts` makes them with LibreOffice (one soffice",
        "call per format, cached under the system temp folder) for `npm run accuracy` and `test/corpus.test.ts`.",
        "`floors.json` holds the accuracy floors that test keeps (per layout and format; today's value rounded down to",
        "5%) — raise them when the extraction improves.",
        "",
        "## Answer conventions",
        "",
        "- **department**: the department the document evaluates — 部门名称 / 主管部门 (a project form's 主管部门, not its",
        "  实施单位), or the report's title; a budget code printed before it (`117001-某区体育局`) is not part of the name.",
        "- **budget**: the department's total row (a project form's 年度资金总额; a funding-structure form's 合计: 年初安排① →",
        "  initial, 小计③ → adjusted, 拨付④ → actual). 万元 as printed without separators; 元 divided by 10 000 exactly.",
        "- **printedRates.completion**: the total's printed 执行率 / 支出实现率 / 预算执行率 / 预算完成率 without `%`;",
        "  **adjustment**: a printed 预算调整率, else `null`.",
        "- **indicators**: every row of the performance-indicator table with a level-3 name (the 预算执行 rows of a",
        "  weighted-section form included). level1/level2 without a weight printed inside them (`产出指标(50分)` →",
        "  `产出指标`); a form without levels gives `null`. **target** as printed; where the form splits it over",
        "  指标方向/指标性质 | 指标值 | 度量单位/计量单位 columns, the three put back together as a reviewer reads them",
        "  (`≥` `42` `公里` → `≥42公里`, `﹦` → `=`); **actual** as its cell prints it.",
        "- **tasks**: only the Guangzhou-family form's 主要任务 rows (name, 任务涉及资金, 关键指标 with 指标完成情况).",
        "- **projects**: rows of a project table (not 基本支出 / 项目支出 / 合计 rows), and a key project described with its",
        "  figures in a form's 重点项目绩效情况; a project form lists none (the form is the project).",
        "- **selfScore**: the printed total self-score; **max** the printed maximum (分值 of the total row, 满分), else `null`.",
        "",
        "## Documents",
        "",
        "| layout | document | shape | planted faults |",
        "| --- | --- | --- | --- |",
    ]
    for layout, cs in by_layout.items():
        for c in cs:
            faults = ", ".join(f"`{f.rule}`" for f in c.faults)
            note = c.note.replace("|", "\\|")
            lines.append(f"| `{layout}` | `{c.name}` | {note} | {faults} |")
    n_faults = sum(len(c.faults) for c in cases)
    lines += ["", f"{len(cases)} documents in {len(by_layout)} layouts, {n_faults} planted faults.", ""]
    return "\n".join(lines)


def main() -> None:
    check = "--check" in sys.argv[1:]
    files: dict[Path, str] = {}
    for c in CASES:
        text, answer, faulty = build(c)
        check_answer(c, text, answer)
        base = OUT / c.layout / c.name
        files[base.with_suffix(".txt")] = text
        files[Path(f"{base}.answer.json")] = json.dumps(answer, ensure_ascii=False, indent=2) + "\n"
        files[Path(f"{base}.faulty.txt")] = faulty
        faults = {"document": f"{c.layout}/{c.name}",
                  "findings": [{"rule": f.rule, **({"alsoRules": f.also} if f.also else {}), "includes": f.includes,
                                "why": f.why} for f in c.faults]}
        files[Path(f"{base}.faults.json")] = json.dumps(faults, ensure_ascii=False, indent=2) + "\n"
    files[OUT / "README.md"] = readme(CASES)
    stale = []
    for p, content in files.items():
        if check:
            if not p.exists() or p.read_text(encoding="utf-8") != content:
                stale.append(p)
            continue
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content, encoding="utf-8")
    if check and stale:
        sys.exit("corpus out of date (run python3 scripts/corpus/make-corpus.py):\n" + "\n".join(f"  {p}" for p in stale))
    layouts = sorted({c.layout for c in CASES})
    print(f"{'checked' if check else 'wrote'} {len(CASES)} documents in {len(layouts)} layouts, "
          f"{sum(len(c.faults) for c in CASES)} planted faults")


if __name__ == "__main__":
    main()
