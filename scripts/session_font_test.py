"""Every character the kiosk can show is drawn by the session's font setup (scripts/session/fonts.conf).

What xterm does with that setup, measured on a screenshot (docs/kiosk.md, "Characters the session
draws"): a character the session font has is drawn on every row; one it lacks is taken from a
fallback font on a single-size row, except below U+0300 (Latin-1 and its neighbours: "·" came out
as an empty box); on a double-size row only the session font's own glyphs are drawn (a fallback one
there ends xterm), which is why the renderer replaces some characters on those rows
(Sources/KioskRender/DoubleSizeGlyphs.swift).

Checked here: every text of the locale files and the bundled catalog, and every character of the
renderer's snapshots of the session's screens (standard mode, and care mode on a terminal with
double-size rows), which hold what the code adds itself: bullets, markers, ellipses, masks.
"""
import glob, json, os, shutil, subprocess, unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SESSION_FONT = "Noto Sans Mono CJK SC"
# xterm draws the line-drawing characters itself (its boxes and rules); the renderer uses no others
# of that block on a double-size row.
TERMINAL_DRAWN = set(range(0x2500, 0x2580))
NO_FALLBACK_BELOW = 0x0300


def parse_charset(text):
    points = set()
    for part in text.split():
        first, _, last = part.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def fontconfig(*args):
    env = dict(os.environ, FONTCONFIG_FILE=os.path.join(ROOT, "scripts/session/fonts.conf"))
    return subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout


def texts(value, path="$"):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, f"{path}[{index}]")


def snapshot_rows(path):
    """(text, is_double) for each row of a snapshot file of the renderer."""
    with open(path, encoding="utf-8") as f:
        content = f.read()
    screen = content.split("\n--- styles ---")[0].split("\n")
    sizes = content.split("--- row sizes ---\n")[1].strip() if "--- row sizes ---" in content else ""
    return [(row, index < len(sizes) and sizes[index] in "TB") for index, row in enumerate(screen)]


class SessionFontTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Not skipped without fontconfig: scripts/test installs it (with xterm), and a check that
        # quietly did not run would be called done.
        if not shutil.which("fc-match"):
            raise AssertionError("fc-match is not installed: run scripts/test, which installs xterm and its fonts")
        family = fontconfig("fc-match", "--format", "%{family}", SESSION_FONT)
        if SESSION_FONT not in family:
            raise AssertionError(f"the session font {SESSION_FONT} is not installed (fonts-noto-cjk): fc-match gave {family}")
        cls.own = parse_charset(fontconfig("fc-match", "--format", "%{charset}", SESSION_FONT)) | TERMINAL_DRAWN
        every = set()
        for line in fontconfig("fc-list", "--format", "%{charset}\n").splitlines():
            every |= parse_charset(line)
        cls.fallback = {c for c in every if c >= NO_FALLBACK_BELOW}

    def single_row_drawable(self, ch):
        return ord(ch) in self.own or ord(ch) in self.fallback

    def undrawn(self, text, double=False):
        return sorted({f"{ch} U+{ord(ch):04X}" for ch in text
                       if ch != "\n" and not (ord(ch) in self.own if double else self.single_row_drawable(ch))})

    def test_the_session_font_is_the_one_with_the_gap_fixed(self):
        # The charset edit of fonts.conf is in force: without it Chinese stands one cell apart.
        self.assertNotIn(0x00B7, self.own)
        self.assertIn(ord("证"), self.own)
        self.assertIn(ord("・"), self.own)

    def test_every_locale_and_catalog_text_is_drawn(self):
        files = sorted(glob.glob(os.path.join(ROOT, "locales/*.json"))) + [os.path.join(ROOT, "catalog/default.json")]
        problems = []
        for name in files:
            with open(name, encoding="utf-8") as f:
                for path, text in texts(json.load(f)):
                    # A pronunciation is spoken, never shown.
                    if ".pronunciations" in path:
                        continue
                    missing = self.undrawn(text)
                    if missing:
                        problems.append(f"{os.path.relpath(name, ROOT)} {path}: {', '.join(missing)}")
        self.assertEqual(problems, [], "characters the session cannot draw:\n" + "\n".join(problems))

    def test_every_character_on_the_session_screens_is_drawn(self):
        snapshots = [p for p in glob.glob(os.path.join(ROOT, "Tests/KioskRenderTests/__Snapshots__/*.txt"))
                     if "-standard-" in p or "-care-double-" in p]
        self.assertGreater(len(snapshots), 100, "the renderer's snapshots are missing")
        problems = []
        for name in sorted(snapshots):
            for number, (row, double) in enumerate(snapshot_rows(name)):
                missing = self.undrawn(row, double)
                if missing:
                    kind = "double-size" if double else "single-size"
                    problems.append(f"{os.path.basename(name)} row {number} ({kind}): {', '.join(missing)}")
        self.assertEqual(problems, [], "characters the session cannot draw:\n" + "\n".join(problems))

    def test_the_check_finds_what_the_screenshot_showed(self):
        # The measured cases: "·" a box on a single row, "“" drawn there by a fallback font but not
        # on a double row.
        self.assertEqual(self.undrawn("材料 · 身份证"), ["· U+00B7"])
        self.assertEqual(self.undrawn("请按“确认”键"), [])
        self.assertEqual(self.undrawn("请按“确认”键", double=True), ["“ U+201C", "” U+201D"])


if __name__ == "__main__":
    unittest.main()
