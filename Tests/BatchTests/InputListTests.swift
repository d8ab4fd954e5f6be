import ReportCheck
import Testing

/// The compact input list gives back exactly the inputs put in (paths with any UTF-8, standard input, missing inputs
/// with their reasons), and filters like an array: in order, once per input, and without a copy when all are kept.
@Suite struct InputListTests {
    let inputs: [InputCollector.Input] = [
        .file("reports/2025/甲市司法局.html"), .stdin, .missing("gone.txt", reason: "no such file or directory"),
        .file(""), .file("a b/c\u{200B}.txt"), .missing("dir", reason: "is a directory"), .file("x.docx"),
    ]

    @Test func roundTrip() {
        let list = InputList(inputs)
        #expect(Array(list) == inputs)
        #expect(list.count == inputs.count)
        #expect(list.map(\.path) == inputs.map(\.path))
        #expect(list.containsStdin)
        #expect(!InputList([.file("a")]).containsStdin)
        #expect((0..<list.count).map { list.filePath(at: $0) } == inputs.map { if case .file(let p) = $0 { p } else { nil } })
    }

    @Test func appendingLists() {
        var a = InputList(inputs.prefix(3))
        a += InputList(inputs.dropFirst(3))
        #expect(a == InputList(inputs))
        #expect(Array(a) == inputs)
    }

    @Test func filterMatchesArrayFilter() {
        let list = InputList(inputs)
        for mask in 0..<(1 << inputs.count) {
            var asked: [Int] = []
            var k = 0
            let kept = list.filter { _ in
                defer { k += 1 }
                asked.append(k)
                return mask & (1 << k) != 0
            }
            let expected = inputs.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
            #expect(Array(kept) == expected, "mask \(mask)")
            #expect(kept == InputList(expected), "mask \(mask)")
            #expect(asked == Array(inputs.indices), "asked once per input, in order")
        }
    }

    @Test func pathsByDirectoryKeepsEveryDirectoryInOrder() {
        let files = ["r/2025/a.html", "r/2025/b.html", "r/2024/c.txt", "r/2025/d.txt", "e.txt", "f.txt", "r/2024x/g.txt",
                     "/abs/h.txt", "/abs/i.txt", "r/2024/j.txt"]
        var inputs: [InputCollector.Input] = files.map { .file($0) }
        inputs.insert(.stdin, at: 3)
        inputs.insert(.missing("gone/k.txt", reason: "no such file or directory"), at: 6)
        let got = InputList(inputs).pathsByDirectory(stdinKey: "<stdin>")
        #expect(got == ["r/2025/a.html", "r/2024/c.txt", "<stdin>", "r/2025/d.txt", "e.txt", "r/2024x/g.txt", "/abs/h.txt",
                        "r/2024/j.txt"])
        func directory(_ p: String) -> Substring { p.lastIndex(of: "/").map { p[..<$0] } ?? "" }
        #expect(Set(got.filter { $0 != "<stdin>" }.map(directory)) == Set(files.map(directory)))
    }
}
