import ReportDocument

/// Raw lines → blocks: drops page numbers and site chrome, joins PDF hard wraps (plain text only), classifies the top
/// (title / header / salutation lines), the bottom (signature) and the body (headings, run-in headings split in two,
/// paragraphs, table rows).
enum BlockBuilder {
    /// How many lines at the top may be title/header/salutation lines.
    static let maxTopLines = 12

    static func build(_ raw: [RawLine], format: InputFormat) -> [Block] {
        var lines: [TextLine] = []
        lines.reserveCapacity(raw.count)
        for r in raw {
            guard let line = TextLine(r) else { continue }
            if line.hint == .none || line.hint == .tableRow {
                let text = line.text
                if PageArtifacts.isChrome(text, length: line.count) { continue }
                if line.hint == .none && PageArtifacts.isPageNumber(text) { continue }
            }
            lines.append(line)
        }
        lines = joinWraps(lines)
        return classify(lines)
    }

    // MARK: - Hard-wrap joining

    static func joinWraps(_ lines: [TextLine]) -> [TextLine] {
        // Only plain-text lines are wrappable: markup formats keep their lines (and skip the copy).
        guard lines.contains(where: { $0.wrappable }) else { return lines }
        var out: [TextLine] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            if let prev = out.last, prev.wrappable, line.wrappable, shouldJoin(prev, line) {
                out[out.count - 1].join(line)
            } else {
                out.append(line)
            }
        }
        return out
    }

    static let danglingEnds: Set<Unicode.Scalar> = ["第", "的", "和", "与", "及", "并", "对", "在", "等", "之", "或", "、",
                                                    "，", ",", "于", "为", "把", "将", "推", "进", "加", "强", "深", "全"]
    static let headingTails = ["情况", "工作", "安排", "计划", "打算", "措施", "成效", "原因", "问题", "不足", "建设",
                               "职责", "思路", "目标", "举措", "要点", "分析", "总结", "做法"]

    static func shouldJoin(_ prev: TextLine, _ next: TextLine) -> Bool {
        guard prev.hint == .none, next.hint == .none else { return false }
        let nextText = next.text
        if next.heading != nil { return false }
        if LineShapes.isDateLine(nextText) || LineShapes.isAgencyName(nextText) { return false }
        let prevText = prev.text
        if let heading = prev.heading, !heading.runIn {
            // A standalone heading: only a short fragment that finishes it may follow
            // ("三、2025年度党政主要负责人履行推进法治建设第一" + "责任人职责情况").
            guard !prev.endsSentence, next.count <= 20, !next.hasSentencePunctuation else { return false }
            let limit = heading.level == 1 ? 60 : 40
            guard heading.title.unicodeScalars.count + next.count <= limit else { return false }
            let dangling = prev.lastMeaningful.map { danglingEnds.contains($0) } ?? false
            return dangling || headingTails.contains { nextText.hasSuffix($0) }
        }
        if prev.endsSentence || prev.count < 20 { return false }
        if LineShapes.isHeaderLine(prevText) || LineShapes.isTitleLine(prev) { return false }
        return true
    }

    // MARK: - Classification

    static func classify(_ lines: [TextLine]) -> [Block] {
        var blocks: [Block] = []
        blocks.reserveCapacity(lines.count + 8)
        let signature = findSignature(lines)
        let signatureStart = signature.lowerBound
        var i = 0
        // Top: title, header, salutation lines until the body starts.
        topLoop: while i < signatureStart, i < maxTopLines {
            let line = lines[i]
            let text = line.text
            switch line.hint {
            case .title:
                blocks.append(line.makeBlock(.title))
            case .heading:
                // An h2/h3 (or docx heading) that names the report is its title, not a section.
                guard line.heading == nil, LineShapes.isTitleLine(line) else { break topLoop }
                blocks.append(line.makeBlock(.title))
            case .tableRow:
                guard LineShapes.isHeaderLine(text) else { break topLoop }
                blocks.append(line.makeBlock(.header))
            case .none:
                if line.heading != nil { break topLoop }
                if LineShapes.isHeaderLine(text) {
                    blocks.append(line.makeBlock(.header))
                } else if LineShapes.isSalutation(line) {
                    blocks.append(line.makeBlock(.salutation))
                    i += 1
                    break topLoop
                } else if LineShapes.isTitleLine(line) {
                    blocks.append(line.makeBlock(.title))
                } else if LineShapes.isAgencyName(text) {
                    blocks.append(line.makeBlock(.header))
                } else {
                    break topLoop
                }
            }
            i += 1
        }
        while i < signatureStart {
            appendBody(lines[i], to: &blocks)
            i += 1
        }
        while i < signature.upperBound {
            blocks.append(lines[i].makeBlock(.signature))
            i += 1
        }
        while i < lines.count {
            appendBody(lines[i], to: &blocks)
            i += 1
        }
        return blocks
    }

    /// The trailing agency and date lines (落款), at most three, after at least one body line.
    static func findSignature(_ lines: [TextLine]) -> Range<Int> {
        // Lines that may follow the 落款 in a published document: empty review fields (初审/复审/终审), 抄送, 印发,
        // contacts. They stay body paragraphs (the placeholders rule reads them) but must not hide the signature.
        var end = lines.count
        while end > 1, lines.count - end < 3, lines[end - 1].hint == .none, isDocumentTail(lines[end - 1].text) {
            end -= 1
        }
        var start = end
        var k = end - 1
        var sawDate = false
        while k > 0, end - k <= 3 {
            let line = lines[k]
            guard line.hint == .none else { break }
            let text = line.text
            if LineShapes.isDateLine(text) {
                if sawDate { break }
                sawDate = true
            } else if !LineShapes.isAgencyName(text) {
                break
            }
            start = k
            k -= 1
        }
        return start == end ? lines.count..<lines.count : start..<end
    }

    static let tailPrefixes = ["初审", "复审", "终审", "审核", "签发", "抄送", "印发", "联系人", "联系电话", "（此件", "(此件"]

    static func isDocumentTail(_ text: String) -> Bool {
        text.unicodeScalars.count <= 80 && tailPrefixes.contains { text.hasPrefix($0) }
    }

    static func appendBody(_ line: TextLine, to blocks: inout [Block]) {
        let text = line.text
        switch line.hint {
        case .tableRow:
            blocks.append(line.makeBlock(.tableRow))
            return
        case .heading(let level):
            if let match = line.heading, !match.runIn {
                blocks.append(line.makeBlock(.heading, heading: Heading(level: match.level, style: match.style,
                                                                          number: match.number, title: match.title)))
            } else {
                let title = HeadingDetector.trimmedTitle(text)
                blocks.append(line.makeBlock(.heading, heading: Heading(level: level, style: .styled, number: "",
                                                                          title: title)))
            }
            return
        case .title, .none:
            break
        }
        guard let match = line.heading else {
            blocks.append(line.makeBlock(.paragraph))
            return
        }
        let heading = Heading(level: match.level, style: match.style, number: match.number, title: match.title,
                              runIn: match.runIn)
        if match.runIn, let head = line.slice(0..<match.end, detectHeading: false),
           let rest = line.slice(match.end..<line.count, detectHeading: false) {
            blocks.append(head.makeBlock(.heading, heading: heading))
            blocks.append(rest.makeBlock(.paragraph))
        } else {
            var heading = heading
            heading.runIn = false
            blocks.append(line.makeBlock(.heading, heading: heading))
        }
    }
}
