import Foundation
import KioskCore

/// Whether this machine has somewhere to play sound: an ALSA playback device or a sound server.
/// Without one, eSpeak's playback mode writes ALSA errors over the screen, so it is not started.
public enum AudioDevice {
    public static func available(environment: [String: String] = ProcessInfo.processInfo.environment,
                                 fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) },
                                 list: (String) -> [String] = { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }) -> Bool {
        if environment["CAREKIOSK_AUDIO"] == "none" { return false }
        if let server = environment["PULSE_SERVER"], !server.isEmpty { return true }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty,
           fileExists(runtime + "/pulse/native") || fileExists(runtime + "/pipewire-0") { return true }
        return list("/dev/snd").contains { $0.hasPrefix("pcmC") && $0.hasSuffix("p") }
    }
}
