/// A digest of what a rule set was loaded from, for result caches (`check --cache`): the YAML text of every pack
/// file (manifests and rule files, bases reached through `extends` included) and the parameter overrides. Two rule
/// sets with the same digest judge every report the same way (for the same tool build).
extension RuleSetLoader {
    /// The digest of the packs `load(specs)` would load. Throws what `load` would throw for a missing pack.
    public static func sourceDigest(_ specs: [String], parameterOverrides: [String: String] = [:]) throws(PackLoadError) -> String {
        var hasher = SourceHasher()
        for spec in specs.isEmpty ? [defaultPackID] : specs {
            try hashPack(spec, relativeTo: nil, into: &hasher, depth: 0)
        }
        for (k, v) in parameterOverrides.sorted(by: { $0.key < $1.key }) {
            hasher.add("param"); hasher.add(k); hasher.add(v)
        }
        return hasher.hex
    }

    private static func hashPack(_ spec: String, relativeTo base: String?, into hasher: inout SourceHasher,
                                 depth: Int) throws(PackLoadError) {
        guard depth < 32 else { return }  // cycles are reported by load(); the digest only needs to terminate
        let source = try PackSource.resolve(spec, relativeTo: base)
        hasher.add("pack"); hasher.add(source.identity)
        hasher.add(source.manifest.text)
        for (path, text) in source.ruleFiles {
            hasher.add((path as String).split(separator: "/").last.map(String.init) ?? path)
            hasher.add(text)
        }
        // Bases named by `extends:` are part of what the pack means.
        guard let root = try? YAMLNode.parse(source.manifest.text, file: source.manifest.path),
              let fields = try? YAMLFields(root, "pack", allowed: PackCompiler.packKeys),
              let ext = fields["extends"], let bases = try? ext.strings("extends") else { return }
        for b in bases { try hashPack(b, relativeTo: source.directory, into: &hasher, depth: depth + 1) }
    }
}

/// Two independent 64-bit FNV-1a lanes over length-prefixed strings (128 bits; not cryptographic — cache keys only).
struct SourceHasher {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x8422_2325_cbf2_9ce4

    mutating func add(_ s: String) {
        var n = UInt64(s.utf8.count)
        for _ in 0..<8 { mix(UInt8(truncatingIfNeeded: n)); n >>= 8 }
        for byte in s.utf8 { mix(byte) }
    }

    private mutating func mix(_ byte: UInt8) {
        a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
        b = (b ^ UInt64(byte ^ 0x5c)) &* 0x100_0000_01b3
    }

    var hex: String { Fingerprint.hex(a) + Fingerprint.hex(b) }
}
