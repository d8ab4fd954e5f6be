import ReportDocument

/// Lines that are not part of the report: page numbers left by PDF extraction and website chrome
/// (login links, breadcrumbs, print/close buttons, footers). Checked on display text (whitespace collapsed).
enum PageArtifacts {
    /// "— 3 —", "- 3 -", "3", "第 3 页", "第3页 共5页", "第 3 页 / 共 5 页", "3/5".
    static func isPageNumber(_ text: String) -> Bool {
        guard mayBePageNumber(text) else { return false }
        // At most 24 scalars are looked at: a stack buffer instead of a growing array per candidate line.
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: 25) { buf -> Bool in
            var k = 0
            for scalar in text.unicodeScalars {
                let a = HeadingDetector.ascii(scalar)
                if a == " " { continue }
                buf[k] = a
                k += 1
                if k > 24 { return false }
            }
            return isPageNumber(scalars: UnsafeBufferPointer(rebasing: buf[0..<k]))
        }
    }

    /// `isPageNumber` on the line's scalars, spaces removed and full-width forms made ASCII.
    private static func isPageNumber(scalars s: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        guard !s.isEmpty else { return false }
        // The ASCII scalars with a numeric type are exactly 0–9.
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
        func isDash(_ c: Unicode.Scalar) -> Bool {
            switch c.value {
            case 0x2D, 0x2014, 0x2013, 0x2212, 0x2015, 0x2500: return true  // - — – − ― ─
            default: return false
            }
        }
        // dashes and digits only, e.g. "—3—", "-3-", "3"
        if s.allSatisfy({ isDigit($0) || isDash($0) }), s.contains(where: isDigit), s.count <= 12 {
            let digits = s.filter(isDigit).count
            return digits <= 4
        }
        // 3/5
        if s.allSatisfy({ isDigit($0) || $0 == "/" }), s.filter({ $0 == "/" }).count == 1, s.count <= 9 {
            return s.first != "/" && s.last != "/"
        }
        // 第3页, 第3页共5页, 第3页/共5页
        let str = String(String.UnicodeScalarView(s))
        var rest = Substring(str)
        guard rest.hasPrefix("第") else { return false }
        rest = rest.dropFirst()
        let d1 = rest.prefix { isDigit($0.unicodeScalars.first!) }
        guard !d1.isEmpty, d1.count <= 4 else { return false }
        rest = rest.dropFirst(d1.count)
        guard rest.hasPrefix("页") else { return false }
        rest = rest.dropFirst()
        if rest.isEmpty { return true }
        if rest.hasPrefix("/") || rest.hasPrefix(",") || rest.hasPrefix("，") { rest = rest.dropFirst() }
        guard rest.hasPrefix("共") else { return false }
        rest = rest.dropFirst()
        let d2 = rest.prefix { isDigit($0.unicodeScalars.first!) }
        guard !d2.isEmpty else { return false }
        rest = rest.dropFirst(d2.count)
        return rest == "页"
    }

    private static let anywhere = ["当前位置", "您的位置", "您现在的位置", "现在位置", "版权所有", "ICP备", "icp备",
                                   "公网安备", "网站标识码", "Copyright", "copyright", "©"]
    private static let inShortLines = ["返回首页", "打印本页", "关闭窗口", "【打印】", "【关闭】", "[打印]", "[关闭]",
                                       "分享到", "字号:", "字号：", "【大 中 小】", "【大】【中】【小】", "扫一扫",
                                       "浏览次数", "访问次数", "阅读次数", "上一篇", "下一篇", "收藏本站", "设为首页",
                                       "加入收藏", "网站地图", "主办单位", "承办单位", "技术支持", "联系我们",
                                       "无障碍", "长者模式", "此件主动公开", "此页面主动公开"]

    /// Every form starts (spaces aside) with a digit, a dash or 第.
    private static func mayBePageNumber(_ text: String) -> Bool {
        text.withBytes { p -> Bool in
            var i = 0
            while i < p.count {
                let (v, len) = UTF8Bytes.decode(p, i)
                i += len
                guard let a = Unicode.Scalar(v).map(HeadingDetector.ascii) else { return true }
                if a == " " { continue }
                switch a {
                case "0"..."9", "-", "—", "–", "−", "―", "─", "第": return true
                default: return false
                }
            }
            return true
        }
    }

    private static let anywhereBytes = NeedleSet(anywhere)
    /// `inShortLines`, then 登录 (chrome only with 注册).
    private static let inShortLinesBytes = NeedleSet(inShortLines + ["登录"])

    /// Website chrome that must not reach the document.
    static func isChrome(_ text: String) -> Bool {
        isChrome(text, length: text.unicodeScalars.count)
    }

    /// `isChrome` with the scalar count of `text` already known.
    static func isChrome(_ text: String, length: Int) -> Bool {
        guard length <= 160 else { return false }
        return text.withBytes { p -> Bool in
            guard p.count <= 640 else { return false }
            if anywhereBytes.firstMatch(in: p) != nil { return true }
            if length <= 40 {
                let mask = inShortLinesBytes.matchMask(in: p)
                let login: UInt64 = 1 << UInt64(inShortLines.count)
                if mask & ~login != 0 { return true }
                // "登录 注册", "登录|注册"
                if mask & login != 0 && text.containsBytes("注册") { return true }
                // Byte comparison: none of these has another canonically equivalent spelling.
                if p.count == 6 {
                    if UTF8Bytes.hasPrefix(p, "首页") || UTF8Bytes.hasPrefix(p, "打印") || UTF8Bytes.hasPrefix(p, "关闭")
                        || UTF8Bytes.hasPrefix(p, "返回") { return true }
                } else if p.count == 12, UTF8Bytes.hasPrefix(p, "返回顶部") {
                    return true
                }
            }
            return false
        }
    }
}
