import Foundation

/// Two as Cantonese speakers count it: 两 (loeng5) before a measure word, a unit of money or time, a
/// clock hour and the places 百, 千, 万, 亿 at the start of a number (两百, 两千元, 两个月, 两点半);
/// 二 (ji6) everywhere else: in digits, inside a number, in dates and ordinals (十二, 二零二六, 二月,
/// 第二, 二分之一). Runs on Chinese numerals, after the number rules that make them.
enum CantoneseNumbers {
    static func counted(_ text: String) -> String {
        text.replacing(/(^|[^零〇一二两三四五六七八九十百千万亿点第负])二(?=[百千万亿]|小时|分钟|分(?!之)|[个位项次天岁人份张本条种名件元角倍户口间遍家类台包块盒瓶笔栋组套对双只辆斤周]|点(?:半|零?[一二三四五六七八九十]+分|[^零〇一二三四五六七八九十]|$))/) { m in
            m.1 + "两"
        }
    }
}
