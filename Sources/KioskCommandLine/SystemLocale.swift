/// The language of a command's messages when neither `--locale` nor the configuration names one:
/// the POSIX locale variables, the first one set of `LC_ALL`, `LC_MESSAGES` and `LANG` (the order
/// in which the C library reads them). `en…` means English; `zh…`, `C`, `POSIX` and anything
/// this kiosk has no table for mean Chinese, its fallback.
///
/// It chooses the language of messages only, not of the residents' screens: many servers are set
/// up with `LANG=en_US.UTF-8`, and residents must not meet English because of it.
enum SystemLocale {
    static func tag(_ environment: [String: String], available: [String]) -> String? {
        let names = ["LC_ALL", "LC_MESSAGES", "LANG"]
        guard let value = names.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else { return nil }
        // "en_US.UTF-8", "en_GB@euro": the language is what comes before the territory.
        let language = value.prefix { $0 != "_" && $0 != "." && $0 != "@" && $0 != "-" }.lowercased()
        return language == "en" && available.contains("en") ? "en" : nil
    }
}
