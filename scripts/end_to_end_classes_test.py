"""scripts/end-to-end-classes over small source trees: what it skips and what it stops the run for."""
import contextlib, importlib.machinery, importlib.util, io, os, tempfile, textwrap, unittest

# The script has no .py to import it by.
_loader = importlib.machinery.SourceFileLoader("end_to_end_classes", os.path.join(os.path.dirname(os.path.abspath(__file__)), "end-to-end-classes"))
script = importlib.util.module_from_spec(importlib.util.spec_from_loader(_loader.name, _loader))
_loader.exec_module(script)

SUPPORT = """
    import Foundation

    public protocol EndToEnd {}
    public protocol RunsProgramsQuickly {}

    /// Runs the kiosk (a comment that names Process changes nothing).
    public func runCarekiosk(_ args: [String]) throws -> Int32 {
        let p = Process()
        try p.run()
        return p.terminationStatus
    }

    public func temporaryFolder(_ name: String) -> URL { URL(fileURLWithPath: "/tmp/\\(name)") }
"""

TMUX = """
    import Foundation

    final class TmuxSession {
        init() { var pid: pid_t = 0; posix_spawn(&pid, "/usr/bin/tmux", nil, nil, nil, nil) }
    }
"""


class EndToEndClassesTests(unittest.TestCase):
    maxDiff = None
    def run_on(self, tests):
        """The script over KioskTestSupport (SUPPORT), Tests/KioskAppTests/TmuxSession.swift and `tests`
        ({file name in KioskAppTests: source}): (exit status, standard output, standard error)."""
        with tempfile.TemporaryDirectory() as root:
            files = {"Sources/KioskTestSupport/TestSupport.swift": SUPPORT, "Tests/KioskAppTests/TmuxSession.swift": TMUX}
            files.update({f"Tests/KioskAppTests/{name}": text for name, text in tests.items()})
            for path, text in files.items():
                os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
                with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                    f.write(textwrap.dedent(text).lstrip("\n"))
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = script.main(["--root", root])
            return status, out.getvalue().split(), err.getvalue()

    def test_a_class_that_runs_the_kiosk_unmarked_stops_the_run_naming_it(self):
        status, listed, errors = self.run_on({"FooTests.swift": """
            import XCTest
            import KioskTestSupport

            final class FooTests: XCTestCase {
                func testIt() throws { XCTAssertEqual(try runCarekiosk(["--version"]), 0) }
            }
        """})
        self.assertEqual(status, 1)
        self.assertEqual(listed, [])
        self.assertIn("Tests/KioskAppTests/FooTests.swift:4: KioskAppTests.FooTests starts a program (runCarekiosk)", errors)
        self.assertIn("EndToEnd", errors)

    def test_each_way_of_starting_a_program_is_caught(self):
        for uses in ["let t = TmuxSession()", "let p = Process()", "_ = SenderLink(executable: \"x\")", "_ = carekioskBinary.path"]:
            with self.subTest(uses):
                status, _, errors = self.run_on({"FooTests.swift": f"""
                    import XCTest
                    final class FooTests: XCTestCase {{
                        func testIt() {{ {uses} }}
                    }}
                """})
                self.assertEqual(status, 1, errors)
                self.assertIn("KioskAppTests.FooTests starts a program", errors)

    def test_marked_classes_are_listed_or_kept_in_the_quick_run(self):
        status, listed, errors = self.run_on({"FooTests.swift": """
            import XCTest
            import KioskTestSupport

            final class SlowTests: XCTestCase, EndToEnd {
                func testIt() throws { _ = try runCarekiosk([]) }
            }

            final class QuickTests: XCTestCase, RunsProgramsQuickly {
                func testIt() { let p = Process() }
            }

            /// Only a comment here names Process.
            final class PlainTests: XCTestCase {
                func testIt() { _ = temporaryFolder("x") } // Process
            }
        """})
        self.assertEqual((status, errors), (0, ""))
        self.assertEqual(listed, ["KioskAppTests.SlowTests"])

    def test_a_marker_or_a_program_is_inherited_and_an_extension_counts(self):
        status, listed, errors = self.run_on({"Base.swift": """
            import XCTest
            import KioskTestSupport

            class PortalTestCase: XCTestCase, EndToEnd {
                func portal() throws { _ = try runCarekiosk([]) }
            }
            final class ATests: PortalTestCase {
                func testIt() {}
            }

            class KioskTestCase: XCTestCase {
                func kiosk() { _ = TmuxSession() }
            }
            final class BTests: KioskTestCase {
                func testIt() {}
            }
            final class CTests: KioskTestCase {
                func testIt() {}
            }
            extension CTests: EndToEnd {}
        """})
        self.assertEqual(status, 1)
        self.assertEqual(listed, [])
        self.assertIn("KioskAppTests.BTests starts a program (TmuxSession through KioskTestCase)", errors)
        self.assertNotIn("ATests", errors)
        self.assertNotIn("CTests", errors)

        status, listed, _ = self.run_on({"Base.swift": """
            import XCTest
            import KioskTestSupport

            class PortalTestCase: XCTestCase, EndToEnd {
                func portal() throws { _ = try runCarekiosk([]) }
            }
            final class ATests: PortalTestCase {
                func testIt() {}
            }
        """})
        self.assertEqual((status, listed), (0, ["KioskAppTests.ATests"]), "the base class has no tests of its own")


if __name__ == "__main__":
    unittest.main()
