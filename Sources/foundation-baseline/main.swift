import Foundation

// The yardstick for the kiosk's start (docs/benchmarks.md): a Swift program that imports
// Foundation, reads a file (the bundled catalog), writes a line and a prompt, and waits for its
// input to end, as `carekiosk --plain` does before its first screen.
let data = FileManager.default.contents(atPath: CommandLine.arguments.dropFirst().first ?? "") ?? Data()
FileHandle.standardOutput.write(Data("read \(data.count) bytes\n> ".utf8))
_ = FileHandle.standardInput.readDataToEndOfFile()
