import Testing
@testable import ReportNormalizer

/// Content selectors are parsed when the options are set, and again whenever they change.
@Suite struct ContentSelectorTests {
    @Test func parsedWithTheOptions() {
        var options = NormalizerOptions()
        #expect(options.parsedSelectors.count == options.contentSelectors.count)
        #expect(options.parsedSelectors.first?.name == "trs_editor")
        options.contentSelectors = [".Main", "#Zoom", "plain", ".", "#正文"]
        #expect(options.parsedSelectors.map(\.name) == ["main", "zoom", "正文"])
        #expect(options.parsedSelectors.map(\.isClass) == [true, false, false])
        #expect(options.parsedSelectors.map { $0.bytes != nil } == [true, true, false])
        options.contentSelectors.append(".extra")
        #expect(options.parsedSelectors.last?.name == "extra")
    }
}
