"""Walking a page with the keyboard, for the browser tests of focus (shared by several test files).

``focused(page)`` describes the element that has the focus (box, outline, the colour behind its
ring, whether it is in the header, the search or the footer); ``is_on_screen`` says whether it is
visible in the viewport and ``under_the_header`` whether the sticky header covers it;
``tab_stops(page, ...)`` presses Tab (or Shift+Tab) and yields ``focused`` after each press (read in
batches: one call to the browser per twenty presses); ``walk(page, ...)`` goes on until the focus
leaves the page and returns the number of stops, the kinds of element reached and the problems
found: an element with the focus but off screen, hidden under the sticky header (WCAG 2.4.11),
without a visible ring (2.4.7) or with a ring of less than 3:1 against what is behind it (1.4.11);
``tab_until(page, condition)`` presses Tab until a JavaScript condition on the focused element holds;
``contrast`` is the WCAG ratio of two colours; ``press_access_key`` presses Alt+key as Chromium
receives it from the operating system.
"""
import re

# The colour the focus ring is painted on (``behind``): the first opaque background from the element
# itself when the ring is drawn inside it (negative offset), else from its parent.
_FOCUSED = """() => {
  const backgroundBehind = (element) => {
    const inside = parseFloat(getComputedStyle(element).outlineOffset) < 0;
    for (let e = inside ? element : element.parentElement; e; e = e.parentElement) {
      const colour = getComputedStyle(e).backgroundColor;
      const alpha = colour.startsWith('rgba') ? parseFloat(colour.split(',')[3]) : 1;
      if (colour !== 'transparent' && alpha === 1) return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const style = getComputedStyle(e);
  return {
    tag: e.tagName, id: e.id, accesskey: e.getAttribute('accesskey'),
    text: (e.textContent || e.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40),
    top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height,
    headerTop: header.top, headerBottom: header.bottom,
    inHeader: !!e.closest('.md-header'), inSearch: !!e.closest('.md-search'), inFooter: !!e.closest('#rodape'),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    visibility: style.visibility, viewportWidth: innerWidth, viewportHeight: innerHeight,
    outlineColor: style.outlineColor, behind: backgroundBehind(e),
  };
}"""


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""
    def luminance(colour):
        channels = [int(part) / 255 for part in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def press_access_key(page, key: str) -> None:
    """Press Alt+key as the operating system delivers it to Chromium on Linux and Windows.

    Blink matches access keys on a key-down event that carries the typed text; Playwright's
    ``keyboard.press("Alt+1")`` sends it without text, so the real event goes through CDP.
    """
    cdp = page.context.new_cdp_session(page)
    event = {"modifiers": 1, "key": key, "code": f"Digit{key}", "windowsVirtualKeyCode": ord(key),
             "nativeVirtualKeyCode": ord(key)}
    cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": key, "unmodifiedText": key, **event})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **event})
    cdp.detach()


def tab_until(page, condition: str, limit: int = 20) -> bool:
    """Press Tab until ``condition`` (a JavaScript expression, about ``document.activeElement``)
    holds, at most ``limit`` times; whether it came to hold."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return True
    return False


def focused(page) -> dict:
    return page.evaluate(_FOCUSED)


def is_on_screen(info: dict) -> bool:
    return (info["width"] > 0 and info["height"] > 0 and info["visibility"] != "hidden"
            and info["right"] > 0 and info["left"] < info["viewportWidth"]
            and info["bottom"] > 0 and info["top"] < info["viewportHeight"])


def under_the_header(info: dict) -> bool:
    """Whether the sticky header covers the focused element. An element that fits in the room below
    the header must be wholly out from under it; one taller than that room (a scrolling table at
    400 % zoom) must fill at least half of the room."""
    room = info["viewportHeight"] - info["headerBottom"]
    if info["height"] <= room:
        return info["top"] < info["headerBottom"] - 0.5 and info["bottom"] > info["headerTop"]
    shown = min(info["bottom"], info["viewportHeight"]) - max(info["top"], info["headerBottom"])
    return shown < room / 2


# Records, at the end of every key press (keyup, captured by the document: the focus has moved and
# the page has scrolled to it), what has the focus; the walk reads the records in batches.
_RECORDER = ("() => { if (window.__engdParadas) return; window.__engdParadas = []; const describe = " + _FOCUSED +
             "; document.addEventListener('keyup', () => window.__engdParadas.push(describe()), true); }")
_BATCH = 20


def tab_stops(page, direction: str = "Tab", limit: int = 400):
    """What has the focus after each press of ``direction``, up to ``limit`` presses. The keys go in
    batches: a walk reads its stops once per batch, and stops reading at the end it looks for (the
    few presses after it only move the focus on)."""
    page.evaluate(_RECORDER)
    read = 0
    while read < limit:
        batch = min(_BATCH, limit - read)
        for _ in range(batch):
            page.keyboard.press(direction)
        for info in page.evaluate(f"window.__engdParadas.slice({read}, {read + batch})"):
            yield info
        read += batch


def walk(page, direction: str = "Tab", limit: int = 400, skip_header: bool = False,
         stop_at_footer: bool = False) -> tuple[int, set[str], list[str]]:
    """Tab through ``page``; the search dialog (Material's, tested with the search) is skipped, and
    the header too when ``skip_header``. ``stop_at_footer`` ends the walk at the footer."""
    problems, kinds, stops = [], set(), 0
    for info in tab_stops(page, direction, limit):
        if info["tag"] == "BODY" or (stop_at_footer and info["inFooter"]):
            break
        stops += 1
        if info["inSearch"] or (skip_header and info["inHeader"]):
            continue
        kinds.add(info["tag"])
        label = f"{info['tag']}#{info['id']} {info['text']!r}"
        if not is_on_screen(info):
            problems.append(f"{label}: com foco mas fora da tela {info}")
        elif not info["inHeader"] and under_the_header(info):
            problems.append(f"{label}: escondido sob o cabeçalho (topo {info['top']:.0f} < {info['headerBottom']:.0f})")
        ratio = contrast(info["outlineColor"], info["behind"])
        if info["outlineStyle"] == "none" or info["outlineWidth"] < 2:
            problems.append(f"{label}: foco sem contorno visível ({info['outlineStyle']} {info['outlineWidth']}px)")
        elif ratio < 3:
            problems.append(f"{label}: contorno {info['outlineColor']} sobre {info['behind']} = "
                            f"{ratio:.2f}:1 (WCAG 1.4.11 pede 3:1)")
    return stops, kinds, problems
