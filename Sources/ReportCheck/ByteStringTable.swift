import Glibc

/// A bounded map from short byte strings to values, found by the bytes themselves: a key seen before costs a
/// word-at-a-time hash and one compare, with no String made and no SipHash run. A warm rerun looks up every reused
/// report's summary this way (a few hundred distinct ones across thousands of reports).
///
/// Full at `capacity` entries, it starts over: memory stays bounded whatever the keys, and a value dropped is made
/// again when asked for. Linear probing over a table twice the capacity, so a lookup visits few slots.
struct ByteStringTable<Value> {
    private struct Entry {
        var hash: UInt64
        var start: Int
        var count: Int
        var value: Value
    }

    let capacity: Int
    /// Every key's bytes, one after the other.
    private var keys: [UInt8] = []
    private var entries: [Entry] = []
    /// Entry index + 1 per slot; 0: empty.
    private var slots: [Int32]
    private let mask: Int

    init(capacity: Int = 4096) {
        precondition(capacity > 0 && capacity < Int(Int32.max) / 2)
        self.capacity = capacity
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { entries.count }

    func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = Int(slots[slot])
            if s == 0 { return nil }
            if entries[s - 1].hash == hash, matches(entries[s - 1].start, entries[s - 1].count, key) {
                return entries[s - 1].value
            }
            slot = (slot + 1) & mask
        }
    }

    /// Sets the value for `key` (replacing one stored for the same bytes).
    mutating func set(_ value: Value, for key: UnsafeBufferPointer<UInt8>) {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = Int(slots[slot])
            if s == 0 { break }
            if entries[s - 1].hash == hash, matches(entries[s - 1].start, entries[s - 1].count, key) {
                entries[s - 1].value = value
                return
            }
            slot = (slot + 1) & mask
        }
        if entries.count >= capacity {
            removeAll()
            slot = Int(truncatingIfNeeded: hash) & mask
        }
        entries.append(Entry(hash: hash, start: keys.count, count: key.count, value: value))
        keys.append(contentsOf: key)
        slots[slot] = Int32(entries.count)
    }

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        for i in slots.indices { slots[i] = 0 }
    }

    private func matches(_ start: Int, _ count: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == key.count else { return false }
        guard count > 0 else { return true }
        return keys.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, key.baseAddress!, count) == 0 }
    }

    /// Eight bytes per multiply. Not a defence against chosen collisions: the keys are the cache's own summaries,
    /// and the table's bound caps what colliding keys can cost.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < key.count {
            tail |= UInt64(key[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }
}
