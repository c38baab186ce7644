"""scripts/generate-string-keys over small locale files: what it writes, and the files it refuses."""
import contextlib, importlib.machinery, importlib.util, io, json, os, tempfile, unittest

# The script has no .py to import it by.
_loader = importlib.machinery.SourceFileLoader("generate_string_keys", os.path.join(os.path.dirname(os.path.abspath(__file__)), "generate-string-keys"))
script = importlib.util.module_from_spec(importlib.util.spec_from_loader(_loader.name, _loader))
_loader.exec_module(script)


class GenerateStringKeysTest(unittest.TestCase):
    def run_on(self, zh, en, *args):
        """Runs the generator on a tree holding these locale files: (exit status, Phrase.swift, stderr)."""
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "locales"))
            os.makedirs(os.path.join(root, "Sources", "KioskCore"))
            for locale, table in (("zh-Hans", zh), ("en", en)):
                with open(os.path.join(root, "locales", f"{locale}.json"), "w", encoding="utf-8") as f:
                    json.dump(table, f, ensure_ascii=False)
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                status = script.main(list(args), root=root)
            path = os.path.join(root, script.OUTPUT)
            written = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            return status, written, err.getvalue()

    def test_a_key_with_placeholders_is_a_function_of_them_in_the_order_zh_hans_names_them(self):
        status, swift, _ = self.run_on({"home.title": "首页", "audit.broken": "第 {line} 行接不上第 {previous} 行（{file}，{line}）"},
                                       {"home.title": "Home", "audit.broken": "{file}: line {line} does not follow line {previous}"})
        self.assertEqual(status, 0)
        self.assertIn('    public static let homeTitle = Phrase("home.title")\n', swift)
        self.assertIn("    public static func auditBroken(line: String, previous: String, file: String) -> Phrase {\n"
                      '        Phrase("audit.broken", ["line": line, "previous": previous, "file": file])\n', swift)
        self.assertIn('        .auditBroken(line: "⟨line⟩", previous: "⟨previous⟩", file: "⟨file⟩"),\n', swift)

    def test_braces_around_other_text_are_text(self):
        status, swift, _ = self.run_on({"json.kind.object": "对象（{ }）", "config.not_object": "{file} 应该是 {…}"},
                                       {"json.kind.object": "an object { }", "config.not_object": "{file} must be {…}"})
        self.assertEqual(status, 0)
        self.assertIn("public static let jsonKindObject =", swift)
        self.assertIn("public static func configNotObject(file: String)", swift)

    def test_a_placeholder_the_locales_disagree_on_is_refused(self):
        status, swift, err = self.run_on({"notice.wait": "请等 {seconds} 秒"}, {"notice.wait": "Wait {second} seconds"})
        self.assertEqual(status, 1)
        self.assertIsNone(swift, "nothing is written")
        self.assertIn("notice.wait: locales/zh-Hans.json has placeholders {seconds} but locales/en.json has {second}", err)

    def test_a_placeholder_one_locale_leaves_out_is_refused(self):
        status, _, err = self.run_on({"export.done": "已把 {count} 件导出到 {file}"}, {"export.done": "Exported to {file}"})
        self.assertEqual(status, 1)
        self.assertIn("export.done:", err)

    def test_a_placeholder_that_is_no_swift_parameter_name_is_refused(self):
        for name in ("file-name", "2nd", "default", "a.b"):
            status, _, err = self.run_on({"k": "{" + name + "}"}, {"k": "{" + name + "}"})
            self.assertEqual(status, 1, name)
            self.assertIn("the placeholder {" + name + "} is not a Swift parameter name", err)

    def test_a_key_missing_from_a_locale_is_refused(self):
        status, _, err = self.run_on({"a.b": "甲", "c.d": "乙"}, {"a.b": "A", "e.f": "E"})
        self.assertEqual(status, 1)
        self.assertIn("c.d: missing in locales/en.json", err)
        self.assertIn("e.f: in locales/en.json but not in locales/zh-Hans.json", err)

    def test_two_keys_with_one_member_name_are_refused(self):
        status, _, err = self.run_on({"a.b": "甲", "a_b": "乙"}, {"a.b": "A", "a_b": "B"})
        self.assertEqual(status, 1)
        self.assertIn("a_b: gives the member name aB, as a.b does", err)

    def test_check_says_whether_the_file_is_up_to_date(self):
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "locales"))
            os.makedirs(os.path.join(root, "Sources", "KioskCore"))
            for locale in script.LOCALES:
                with open(os.path.join(root, "locales", f"{locale}.json"), "w", encoding="utf-8") as f:
                    json.dump({"home.title": "首页"}, f)
            with contextlib.redirect_stderr(io.StringIO()):
                self.assertEqual(script.main(["--check"], root=root), 1, "no file yet")
                self.assertEqual(script.main([], root=root), 0)
                self.assertEqual(script.main(["--check"], root=root), 0)

    def test_the_projects_file_is_up_to_date(self):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            self.assertEqual(script.main(["--check"]), 0, err.getvalue())


if __name__ == "__main__":
    unittest.main()
