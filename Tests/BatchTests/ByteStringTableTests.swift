@testable import ReportCheck
import Testing

/// The bounded byte-keyed table a warm rerun finds summaries and column texts in: found by the exact bytes, a value
/// set again replaced, and full at its capacity it starts over instead of growing.
@Suite struct ByteStringTableTests {
    static func withBytes<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(s.utf8).withUnsafeBufferPointer(body)
    }

    @Test func findsEachKeyByItsExactBytes() {
        var table = ByteStringTable<Int>(capacity: 64)
        let keys = ["", "a", "ab", "abc", "abcdefgh", "abcdefghi", "pass\thtml\tUTF-8\t", "fail\ttext\tGB18030\tcourt-judgments:error:n",
                    "fail\ttext\tGB18030\tcourt-judgments:error:b", "法治政府建设"]
        for (i, k) in keys.enumerated() { Self.withBytes(k) { table.set(i, for: $0) } }
        #expect(table.count == keys.count)
        for (i, k) in keys.enumerated() { #expect(Self.withBytes(k) { table.value(for: $0) } == i, "\(k)") }
        for missing in ["abcd", "abcdefghij", "b", "pass\thtml\tUTF-8", "法治"] {
            #expect(Self.withBytes(missing) { table.value(for: $0) } == nil, "\(missing)")
        }
    }

    @Test func settingAKeyAgainReplacesItsValue() {
        var table = ByteStringTable<String>(capacity: 8)
        Self.withBytes("k") { table.set("one", for: $0) }
        Self.withBytes("k") { table.set("two", for: $0) }
        #expect(table.count == 1)
        #expect(Self.withBytes("k") { table.value(for: $0) } == "two")
    }

    @Test func startsOverWhenFull() {
        var table = ByteStringTable<Int>(capacity: 4)
        for i in 0..<4 { Self.withBytes("key\(i)") { table.set(i, for: $0) } }
        #expect(table.count == 4)
        Self.withBytes("key4") { table.set(4, for: $0) }
        #expect(table.count == 1)
        #expect(Self.withBytes("key4") { table.value(for: $0) } == 4)
        for i in 0..<4 { #expect(Self.withBytes("key\(i)") { table.value(for: $0) } == nil) }
    }

    /// Thousands of keys of every length, against a Dictionary: every value found, none invented.
    @Test func agreesWithADictionary() {
        var table = ByteStringTable<Int>(capacity: 4096)
        var model: [[UInt8]: Int] = [:]
        var rng = SystemRandomNumberGenerator()
        for i in 0..<3_000 {
            let key = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...3, using: &rng) }
            key.withUnsafeBufferPointer { table.set(i, for: $0) }
            model[key] = i
        }
        #expect(table.count == model.count)
        for (key, value) in model { #expect(key.withUnsafeBufferPointer { table.value(for: $0) } == value) }
        for _ in 0..<500 {
            let key = (0..<41).map { _ in UInt8.random(in: 0...3, using: &rng) }  // longer than any key set
            #expect(key.withUnsafeBufferPointer { table.value(for: $0) } == nil)
        }
    }
}
