"""The subject phrase of a figure: what the number counts (a small grammar of report prose).

A figure's name is, in order of preference:

1. the phrase before it, back to the previous figure or punctuation, with the words that
   are not part of a name taken off: times and places (今年, 2023年, 我镇, 全镇), adverbs
   (共, 累计, 已), and the verb that introduces the figure (完成, 达到, 实现 …);
2. for a figure written right after another (1622户2755人), the other's name;
3. for a figure that comes first (15家规模工业, 556名调查人员), the phrase after it up to
   its verb — this name is a guess and says so.
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"[，。；：、,;:（）()！？!?]|其中|包括|含")
_LEAD = re.compile(
    r"^(?:\s|\d{4}年度?|\d{1,2}月(?:份|底)?|今年(?:以来)?|本年度?|全年|年初|去年|上年|"
    r"截[至止](?:目前|\d{1,2}月底?)?|目前|当前|现有|现|我镇|全镇|全乡|本镇|我乡|镇域内?|"
    r"共有|共计?|累计|已经?|并|又|还|另外|同时|其中|实现|完成|达到|达|总计|合计|"
    r"对全(?:镇|乡)|均|由|从|及时|分别|确保|力争|争取|用于)+"
)
_TRAIL = re.compile(
    r"(?:\s|共计?|累计|达到|(?<!下)达|为|有|完成|实现|约|近|超过|超|总数|合计|共有|已经?|的|了|是|"
    r"各|分别|突破|提高到|增加到|提升到|到|至|由|从|计|稳定在|保持在|控制在|不少于|不低于|"
    r"不超过|不高于|于)+$"
)
BOUND = re.compile(r"(?:不少于|不低于|不超过|不高于|控制在)$")
"""Words before a figure that make it a bound: 不少于300人 is at least 300 (以上), 控制在
…, 不超过 … at most (以内); the name never keeps them."""
_RESULT_VERB = re.compile(r"(?:完成|实现|达到)")
_RIGHT_STOP = re.compile(
    r"完成|开展|享受|种植|全部|已|实现|进行|入驻|办理|参加|参与|签约|发放|投产|纳入|建册|"
    r"的|实行|突破|共|累计|来自|正在|仍在|尚在|还在|\d"
)
MAX_NAME = 24
_BARE = re.compile(
    r"^(?:.{0,2}|.*(?:对全镇|对全乡|对镇域内|对|和|与|利用现?有?|新安装|设有|现有|共有|有|全镇|全乡|镇域内))$"
)
"""A left phrase that cannot be the name by itself: a bare verb, or one ending in a
preposition or 有 (对全镇4个街道, 设有16个村级调委会): the noun follows the figure."""


def _left(text: str, start: int, floor: int) -> str:
    """The phrase before `start`, back to punctuation or `floor` (the previous figure)."""
    window = text[floor:start]
    cut = 0
    for m in _BOUNDARY.finditer(window):
        cut = m.end()
    phrase = window[cut:]
    if "等" in phrase:  # 用工、用电…征地等问题 → 问题
        phrase = phrase.rsplit("等", 1)[1]
    return phrase


def clean(phrase: str) -> str:
    """A phrase with the words that are not part of a name taken off both ends."""
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = _TRAIL.sub("", _LEAD.sub("", phrase))
    parts = _RESULT_VERB.split(phrase)
    if len(parts) > 1 and len(parts[-1]) >= 2:  # 规模工业完成工业产值 → 工业产值
        phrase = parts[-1]
    return phrase.strip()


def strip_lead(phrase: str) -> str:
    """A phrase with times, places and adverbs taken off its start."""
    return _LEAD.sub("", phrase)


def right_phrase(text: str, end: int) -> str:
    """The phrase after a figure, up to punctuation or its verb."""
    window = text[end : end + 20]
    m = _BOUNDARY.search(window)
    if m:
        window = window[: m.start()]
    stop = _RIGHT_STOP.search(window)
    if stop and stop.group().isdigit() and window[:1] in _HEAD_NOUNS:
        return window[0]  # 12个村集体经济总收入1020万元: the count is of 村
    head = window[: stop.start()] if stop else window
    if stop and stop.start() == 0:
        return ""  # 剩余2个正在整改中: no noun follows
    return clean(head if len(head) >= 2 else window[:10])


_HEAD_NOUNS = "村户镇乡组社"


def last_phrase(text: str) -> str:
    """The phrase at the end of `text`, back to punctuation (a list's lead-in 主要预期目标是：
    is not part of it)."""
    return _left(text, len(text), 0)


def name_of(text: str, start: int, end: int, floor: int) -> tuple[str, bool]:
    """(name, guessed) for the figure at text[start:end]; `floor` is where the previous
    figure ends (0 for the first).  An empty name means: take the previous figure's."""
    if text[start - 1 : start] in ("（", "("):  # 特困供养老人（294人）
        start -= 1
    phrase = clean(_left(text, start, floor))
    guessed = False
    if not phrase and floor and not text[floor:start].strip():
        return "", False  # written right after the previous figure
    if _BARE.match(phrase):
        right = right_phrase(text, end)
        if right:
            verb = (
                phrase if len(phrase) <= 2 and not phrase.endswith(("和", "与", "有", "对")) else ""
            )
            return verb + right, not verb
        guessed = True
    if len(phrase) > MAX_NAME:
        phrase, guessed = phrase[-MAX_NAME:], True
    if len(phrase) < 2:
        guessed = True
    return phrase, guessed
